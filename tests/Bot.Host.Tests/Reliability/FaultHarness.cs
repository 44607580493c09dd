using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Host.Tests.Support;
using Bot.StandIns;
using Bot.StandIns.Slack;
using Bot.StandIns.Tencent;

namespace Bot.Host.Tests.Reliability;

/// <summary>
/// The whole bot (real clock) with Slack, ISDP and Tencent switched on, each stand-in behind a <see cref="TcpRelay"/>
/// so a test can also take a service off the network.
/// </summary>
public sealed class FaultHarness : IAsyncDisposable
{
    public const string AlarmChannel = "C0ALARMS";
    public static readonly SlackPersonInChannel Zhang = new("U0ZHANG", "张三", "C0OPS", "ops");
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private FaultHarness() { }

    public SlackStandIn Slack { get; private set; } = null!;
    public IsdpStandIn Isdp { get; private set; } = null!;
    public TencentStandIn Tencent { get; private set; } = null!;
    public TcpRelay SlackRelay { get; } = new();
    public TcpRelay IsdpRelay { get; } = new();
    public TcpRelay TencentRelay { get; } = new();
    public BotTestHost Bot { get; private set; } = null!;

    public static async Task<FaultHarness> StartAsync()
    {
        var h = new FaultHarness
        {
            Slack = await SlackStandIn.StartAsync(new SlackStandInSettings { Users = new Dictionary<string, (string, string)> { [Zhang.UserId] = ("张三", "en-US") } }),
            Isdp = await IsdpStandIn.StartAsync(),
            Tencent = await TencentStandIn.StartAsync(),
        };
        h.SlackRelay.TargetPort = new Uri(h.Slack.BaseUrl).Port;
        h.IsdpRelay.TargetPort = new Uri(h.Isdp.BaseUrl).Port;
        h.TencentRelay.TargetPort = new Uri(h.Tencent.BaseUrl).Port;

        var settings = new Dictionary<string, string?>
        {
            ["Bot:DefaultLocale"] = "en-US",
            ["Slack:SigningSecret"] = h.Slack.Settings.SigningSecret,
            ["Slack:BotToken"] = h.Slack.Settings.BotToken,
            ["Slack:ApiBaseUrl"] = h.SlackRelay.Through(h.Slack.ApiBaseUrl),
            ["Isdp:BaseUrl"] = h.IsdpRelay.Through(h.Isdp.BaseUrl),
            ["Isdp:ClientId"] = h.Isdp.Settings.ClientId,
            ["Isdp:ClientSecret"] = h.Isdp.Settings.ClientSecret,
            ["Isdp:Username"] = h.Isdp.Settings.Username,
            ["Isdp:Password"] = h.Isdp.Settings.Password,
            ["Isdp:PropertiesNamespace"] = h.Isdp.Settings.PropertiesNamespace,
            ["Isdp:Timeout"] = "00:00:01",
            ["Tencent:PollInterval"] = "00:00:01",
            ["Tencent:RequestTimeout"] = "00:00:01",
        };
        foreach (var (key, value) in h.Tencent.BotSettings()) settings[key] = value;
        settings["Tencent:AppApiUrl"] = h.TencentRelay.Through(h.Tencent.AppApiUrl);
        settings["Tencent:TokenApiUrl"] = h.TencentRelay.Through(h.Tencent.TokenApiUrl);
        h.Bot = await BotTestHost.StartAsync(settings);
        await h.Bot.AddDeviceAsync("aqm0523", "aqm0523--1", "759646@isdp.example.test", "泵房", $"slack:{Zhang.ChannelId}");
        (await h.Bot.Admin.PutAsJsonAsync("/admin/devices/lamp01", new
        {
            isdpDeviceId = "lamp01--1",
            chatJid = "lamp01@isdp.example.test",
            tencent = new { productId = "22F9Y6II7O", deviceName = "light1" },
        })).EnsureSuccessStatusCode();
        (await h.Bot.Admin.PostAsJsonAsync("/admin/mappings", new { channel = $"slack:{AlarmChannel}", device = "lamp01" })).EnsureSuccessStatusCode();
        return h;
    }

    /// <summary><c>/readyz</c>: HTTP status, overall status, and each integration's health.</summary>
    public async Task<(HttpStatusCode Code, string Status, Dictionary<string, bool> Healthy)> ReadyAsync()
    {
        using var response = await Bot.Admin.GetAsync("/readyz");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var healthy = body.GetProperty("integrations").EnumerateArray()
            .ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("healthy").GetBoolean());
        return (response.StatusCode, body.GetProperty("status").GetString()!, healthy);
    }

    /// <summary>The integrations this harness configures, by the names <c>/readyz</c> gives them.</summary>
    public static readonly string[] Integrations = ["isdp", "slack", "tencent"];

    /// <summary>
    /// While <paramref name="integration"/>'s fault lasts, <c>/readyz</c> names it and only it as failing (the others are
    /// polled for, since on a loaded machine a poll may briefly trip its short test timeout), and says <c>degraded</c>.
    /// </summary>
    public async Task AssertOnlyFailingAsync(string integration)
    {
        var during = await ReadinessReport.WaitForAsync(Bot.Admin, ReadinessReport.Expect(Integrations, integration), Wait);
        Assert.Equal((HttpStatusCode.OK, "degraded"), (during.Code, during.Status));
    }

    /// <summary>After a fault: every integration by name healthy again, and <c>/readyz</c> says <c>ready</c>.</summary>
    public async Task AssertRecoveredAsync(string integration)
    {
        var after = await ReadinessReport.WaitForAsync(Bot.Admin, ReadinessReport.Expect(Integrations), Wait);
        Assert.True(after.Healthy[integration]);
        Assert.Equal((HttpStatusCode.OK, "ready"), (after.Code, after.Status));
    }

    /// <summary>Polls <c>/readyz</c> (real time) until <paramref name="integration"/> shows <paramref name="healthy"/>.</summary>
    public async Task<(HttpStatusCode Code, string Status, Dictionary<string, bool> Healthy)> WaitReadyAsync(string integration, bool healthy)
    {
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            var ready = await ReadyAsync();
            if (ready.Healthy.GetValueOrDefault(integration, !healthy) == healthy) return ready;
            Assert.True(DateTime.UtcNow < until, $"{integration} never became {(healthy ? "healthy" : "unhealthy")}: {string.Join(", ", ready.Healthy)}");
            await Task.Delay(50);
        }
    }

    /// <summary>The bot still answers: <c>/healthz</c> and a signed <c>/call</c> (which needs no integration).</summary>
    public async Task<JsonElement> AssertServingAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await Bot.Client.GetAsync("/healthz")).StatusCode);
        var responseUrl = Slack.NewResponseUrl();
        using var deadline = new CancellationTokenSource(Wait);   // answers at all; how fast is not this harness's question
        using var command = await Slack.SendSignedAsync(new Uri(Bot.BaseAddress, "/slack/commands"), "application/x-www-form-urlencoded",
            Slack.CommandForm(Zhang, "/call", "aqm0523", responseUrl), cancellationToken: deadline.Token);
        Assert.Equal(HttpStatusCode.OK, command.StatusCode);
        var answer = JsonDocument.Parse(await command.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Contains("aqm0523", answer.GetProperty("text").GetString());
        return answer;
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await SlackRelay.DisposeAsync();
        await IsdpRelay.DisposeAsync();
        await TencentRelay.DisposeAsync();
        await Slack.DisposeAsync();
        await Isdp.DisposeAsync();
        await Tencent.DisposeAsync();
    }
}
