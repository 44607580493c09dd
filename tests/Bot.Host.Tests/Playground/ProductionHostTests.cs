using System.Net;
using System.Text.Json;
using Bot.Host.Tests.Support;
using Bot.Playground;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Playground;

/// <summary>The production host carries no fakes; the playground project adds them only when the playground is on.</summary>
public sealed class ProductionHostTests
{
    private static readonly string[] PlaygroundOnly = ["Bot.StandIns", "Bot.Playground"];

    [Fact]
    public void The_production_hosts_dependency_context_has_no_stand_ins()
    {
        // Bot.Host.deps.json is what `dotnet publish src/Bot.Host` ships and what the runtime loads from.
        var depsFile = Path.Combine(AppContext.BaseDirectory, "Bot.Host.deps.json");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();

        Assert.Contains("Bot.Core", libraries);
        foreach (var name in PlaygroundOnly) Assert.DoesNotContain(name, libraries);
        Assert.DoesNotContain(typeof(BotApp).Assembly.GetReferencedAssemblies(), a => PlaygroundOnly.Contains(a.Name));
    }

    [Theory]
    [InlineData("Isdp:BaseUrl", "https://isdp.example.com")]
    [InlineData("Slack:SigningSecret", "s3cret")]
    [InlineData("Slack:BotToken", "xoxb-1")]
    [InlineData("Teams:MicrosoftAppId", "00000000-0000-0000-0000-000000000001")]
    public async Task With_an_integration_configured_the_playground_project_runs_the_production_bot(string key, string value)
    {
        var folder = Directory.CreateTempSubdirectory("bot-test-").FullName;
        var app = await PlaygroundApp.CreateAsync([], new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage:LiteDb"] = $"Filename={Path.Combine(folder, "bot.db")}",
            ["Teams:MicrosoftAppPassword"] = "secret",
            ["Isdp:ClientId"] = "id",
            ["Isdp:ClientSecret"] = "secret",
            ["Isdp:Username"] = "app",
            ["Isdp:Password"] = "token",
            ["Isdp:PropertiesNamespace"] = "http://openfire.example.com/xmlns/xmpp/properties",
            [key] = value,
        });
        await using var _ = app;

        Assert.Null(app.Services.GetService<PlaygroundStandIns>());
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
        await app.StopAsync();
    }
}
