using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Isdp.Tests;

public sealed class IsdpOptionsTests
{
    [Fact]
    public void Missing_settings_fail_validation_naming_each_setting_without_echoing_secrets()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Isdp:BaseUrl"] = "isdp.example.com",
            ["Isdp:Password"] = "p@ss-value",
            ["Isdp:Timeout"] = "00:00:00",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddIsdp(config).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IsdpOptions>>().Value);

        var message = string.Join("\n", ex.Failures);
        foreach (var setting in new[] { "Isdp:BaseUrl", "Isdp:ClientId", "Isdp:ClientSecret", "Isdp:Username", "Isdp:PropertiesNamespace", "Isdp:Timeout" })
            Assert.Contains(setting, message, StringComparison.Ordinal);
        Assert.DoesNotContain("Isdp:Password", message, StringComparison.Ordinal);
        Assert.DoesNotContain("p@ss-value", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_section_binds_with_the_default_timeout()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Isdp:BaseUrl"] = "https://isdp.example.com/gateway/",
            ["Isdp:ClientId"] = "id",
            ["Isdp:ClientSecret"] = "secret",
            ["Isdp:Username"] = "app",
            ["Isdp:Password"] = "token",
            ["Isdp:PropertiesNamespace"] = "http://openfire.example.com/xmlns/xmpp/properties",
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddSingleton<Bot.Core.Calls.IInviteSender, PlaceholderSender>(); // what a host registers when ISDP is not configured
        using var services = collection.AddIsdp(config).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<IsdpOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeout);
        Assert.Equal("https://isdp.example.com/gateway/", options.BaseUrl);
        Assert.IsType<IsdpClient>(services.GetRequiredService<Bot.Core.Calls.IInviteSender>());
    }

    private sealed class PlaceholderSender : Bot.Core.Calls.IInviteSender
    {
        public Task<Bot.Core.Calls.InviteOutcome> SendInviteAsync(Bot.Core.Calls.Invite invite, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
