using System.Collections.Concurrent;
using Bot.Core.Calls;
using Bot.Core.Health;
using Bot.StandIns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Isdp.Tests;

/// <summary>The ISDP client as the host wires it (AddIsdp), pointed at a stand-in.</summary>
internal sealed class IsdpHarness : IAsyncDisposable
{
    public const string Namespace = "http://openfire.example.test/xmlns/xmpp/properties";

    private readonly ServiceProvider _services;

    private IsdpHarness(IsdpStandIn standIn, ServiceProvider services, CapturedLogs logs)
    {
        StandIn = standIn;
        _services = services;
        Logs = logs;
    }

    public IsdpStandIn StandIn { get; }
    public CapturedLogs Logs { get; }
    public IInviteSender Sender => _services.GetRequiredService<IInviteSender>();
    public IntegrationOutcomes Health => _services.GetRequiredService<IntegrationOutcomes>();

    public static async Task<IsdpHarness> StartAsync(
        TimeProvider? clientTime = null,
        TimeSpan? timeout = null,
        IsdpStandInSettings? standInSettings = null,
        Action<Dictionary<string, string?>>? configure = null)
    {
        var standIn = await IsdpStandIn.StartAsync(standInSettings ?? new IsdpStandInSettings { PropertiesNamespace = Namespace });
        var settings = new Dictionary<string, string?>
        {
            ["Isdp:BaseUrl"] = standIn.BaseUrl,
            ["Isdp:ClientId"] = standIn.Settings.ClientId,
            ["Isdp:ClientSecret"] = standIn.Settings.ClientSecret,
            ["Isdp:Username"] = standIn.Settings.Username,
            ["Isdp:Password"] = standIn.Settings.Password,
            ["Isdp:PropertiesNamespace"] = Namespace,
            ["Isdp:Timeout"] = (timeout ?? TimeSpan.FromSeconds(5)).ToString(),
        };
        configure?.Invoke(settings);
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        if (clientTime is not null) services.AddSingleton(clientTime);
        services.AddIsdp(config);
        return new IsdpHarness(standIn, services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }), logs);
    }

    public static Invite Invite(string deviceId = "aqm0523", IsdpCaller? caller = null) =>
        new(deviceId, deviceId + "--1", "759646@saasgroupchat.example.test", caller);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await StandIn.DisposeAsync();
    }
}
