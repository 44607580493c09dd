using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bot.Host.Deployment;
using Bot.Host.Tests.Support;

namespace Bot.Host.Tests.Deployment;

/// <summary>The bot as an admin deploys it: ASP.NET Core's address settings, Azure's bot settings, JSON logs, <c>dotnet Bot.Host.dll</c>.</summary>
public sealed class DeploymentConventionTests
{
    private static readonly Dictionary<string, string> Settings = new() { ["Admin:ApiKey"] = BotTestHost.AdminKey };

    [Fact]
    public async Task Only_ASPNETCORE_URLS_chooses_where_the_bot_listens()
    {
        await using var bot = await BotProcess.StartAsync(Folder(), Settings, listenAt: port => new("ASPNETCORE_URLS", $"http://127.0.0.1:{port}"));

        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Only_ASPNETCORE_HTTP_PORTS_chooses_the_port_as_in_the_official_container_images_and_the_dll_runs_with_dotnet()
    {
        await using var bot = await BotProcess.StartAsync(Folder(), Settings, listenAt: port => new("ASPNETCORE_HTTP_PORTS", $"{port}"), throughDotnet: true);

        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public void With_no_address_setting_the_bot_takes_the_playgrounds_address_and_otherwise_leaves_it_to_ASP_NET_Core()
    {
        Assert.Equal(ListenAddress.Default, BotApp.CreateBuilder([]).WebHost.GetSetting("urls"));
        Assert.Equal("http://127.0.0.1:7001", BotApp.CreateBuilder([], new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:7001" }).WebHost.GetSetting("urls"));
        Assert.Null(BotApp.CreateBuilder([], new Dictionary<string, string?> { ["http_ports"] = "8080" }).WebHost.GetSetting("urls"));
    }

    [Fact]
    public async Task Azures_top_level_bot_names_turn_Teams_on()
    {
        var settings = new Dictionary<string, string>(Settings)
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = "5e2c7b1a-7d4f-4a8e-9c61-3b0f1d2e4a57",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["MicrosoftAppTenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
        };
        await using var bot = await BotProcess.StartAsync(Folder(), settings);
        using var admin = new HttpClient { BaseAddress = bot.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Api-Key", BotTestHost.AdminKey);

        // On: the endpoint exists and demands the channel's token (off, it would be 404).
        var unsigned = await admin.PostAsync("/api/messages", new StringContent("""{"type":"message","text":"help"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        var ready = await admin.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Contains(ready.GetProperty("integrations").EnumerateArray(), i => i.GetProperty("name").GetString() == "teams");
    }

    [Fact]
    public async Task Logs_are_JSON_lines_when_the_console_formatter_is_json()
    {
        await using var bot = await BotProcess.StartAsync(Folder(), new Dictionary<string, string>(Settings) { ["Logging:Console:FormatterName"] = "json" });

        // The start-up lines are read from the process's output as they come: wait for them.
        for (var waited = 0; !bot.Output.Contains("Microsoft.Hosting.Lifetime", StringComparison.Ordinal) && waited < 600; waited++)
            await Task.Delay(50);
        var lines = bot.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
        Assert.Contains(lines, line => line.Contains("\"Category\":\"Microsoft.Hosting.Lifetime\"", StringComparison.Ordinal));
    }

    private static string Folder() => Directory.CreateTempSubdirectory("bot-deploy-").FullName;
}
