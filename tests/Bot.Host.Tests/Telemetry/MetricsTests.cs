using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Host.Tests.Support;
using Bot.StandIns;
using Bot.StandIns.Slack;
using Bot.StandIns.Tencent;
using Bot.TencentIot;

namespace Bot.Host.Tests.Telemetry;

/// <summary>
/// <c>/metrics</c> after an alarm round trip (Tencent → Slack, with one 429) and a call: the bot runs as its own process,
/// so the counters are its alone.
/// </summary>
public sealed partial class MetricsTests : IAsyncLifetime
{
    private const string Product = "METRICPROD";
    private static readonly SlackPersonInChannel Caller = new("U0METRIC", "ops", "C0METRICS", "metrics");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private TencentStandIn _tencent = null!;
    private SlackStandIn _slack = null!;
    private IsdpStandIn _isdp = null!;
    private string _folder = "";
    private Dictionary<string, string> _settings = [];

    public async Task InitializeAsync()
    {
        _tencent = await TencentStandIn.StartAsync();
        _slack = await SlackStandIn.StartAsync();
        _isdp = await IsdpStandIn.StartAsync();
        _folder = Directory.CreateTempSubdirectory("bot-metrics-").FullName;
        _settings = await ProcessSettings.ForAsync(_folder, JsonSerializer.Serialize(new
        {
            devices = new[] { new { deviceId = "pump1", isdpDeviceId = "pump1--1", chatJid = "501@isdp.example.test", tencent = new { productId = Product, deviceName = "dev1" } } },
            mappings = new[] { new { channel = $"slack:{Caller.ChannelId}", device = "pump1" } },
        }), _slack.BotSettings(), _isdp.BotSettings(), _tencent.BotSettings());
        _settings["Tencent:PollInterval"] = "00:00:01";
        _settings["Telemetry:QueueSampleInterval"] = "00:00:01";
    }

    public async Task DisposeAsync()
    {
        await _tencent.DisposeAsync();
        await _slack.DisposeAsync();
        await _isdp.DisposeAsync();
    }

    [Fact]
    public async Task After_alarms_a_429_and_a_call_the_scrape_shows_the_counters_and_the_delay_histogram()
    {
        // Two device alarms; Slack refuses the first post once with Retry-After: 1.
        _slack.FailNext(new SlackApiFault.RateLimited(1), "chat.postMessage");
        var raised = DateTimeOffset.UtcNow;
        _tencent.AddMessage(TencentCategory.Device, "Pressure high", "pump 1", Product, "dev1");
        _tencent.AddMessage(TencentCategory.Device, "Pressure low", "pump 1", Product, "dev1");

        await using var bot = await BotProcess.StartAsync(_folder, _settings);
        using var admin = new HttpClient { BaseAddress = bot.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Api-Key", BotTestHost.AdminKey);

        // A call, confirmed, sent.
        var responseUrl = _slack.NewResponseUrl();
        using (var command = await _slack.SendCommandAsync(bot.BaseAddress, Caller, "/call", "pump1", responseUrl))
        {
            var confirm = Slack.SlackHarness.Button(JsonDocument.Parse(await command.Content.ReadAsStringAsync()).RootElement, "call.confirm");
            using var click = await _slack.ClickAsync(bot.BaseAddress, Caller, confirm, responseUrl);
        }
        await _slack.WaitForResponsesAsync(responseUrl, 1, Wait);

        var scrape = await ScrapeUntilAsync(admin, s =>
            Value(s, "bot_deliveries_posted_total", ("platform", "slack")) == 2
            && Value(s, "bot_calls_total", ("outcome", "sent")) == 1
            && Value(s, "bot_deliveries_queued", ("channel", $"slack:{Caller.ChannelId}")) == 0);
        var took = DateTimeOffset.UtcNow - raised;

        Assert.Equal(2, Value(scrape, "bot_alarms_taken_total", ("source", "tencent"), ("category", "device")));
        Assert.Equal(1, Value(scrape, "bot_platform_throttled_total", ("platform", "slack")));
        Assert.Equal(1, Value(scrape, "bot_platform_retry_after_seconds_count", ("platform", "slack")));
        Assert.Equal(1.0, Value(scrape, "bot_platform_retry_after_seconds_sum", ("platform", "slack")));
        Assert.Null(Value(scrape, "bot_deliveries_failed_total", ("platform", "slack")));
        Assert.Equal(1, Value(scrape, "bot_isdp_duration_seconds_count", ("outcome", "sent")));

        // The delay histogram: both cards, each at least the 1 s Slack asked to wait and at most the whole test.
        Assert.Equal(2, Value(scrape, "bot_alarm_delivery_delay_seconds_count", ("platform", "slack")));
        var sum = Value(scrape, "bot_alarm_delivery_delay_seconds_sum", ("platform", "slack"))!.Value;
        Assert.InRange(sum, 2 * 1.0, 2 * took.TotalSeconds);
        Assert.Equal(2, Value(scrape, "bot_alarm_delivery_delay_seconds_bucket", ("platform", "slack"), ("le", "+Inf")));
        Assert.Equal(0, Value(scrape, "bot_alarm_delivery_delay_seconds_bucket", ("platform", "slack"), ("le", "0.5")));

        Assert.True(Value(scrape, "bot_poll_duration_seconds_count", ("source", "tencent")) >= 3, "one poll per category at least");
    }

    [Fact]
    public async Task The_scrape_needs_the_admin_key_unless_it_has_an_address_of_its_own()
    {
        await using (var bot = await BotProcess.StartAsync(_folder, new Dictionary<string, string> { ["Admin:ApiKey"] = BotTestHost.AdminKey }))
        {
            using var anyone = new HttpClient { BaseAddress = bot.BaseAddress };
            Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.GetAsync("/metrics")).StatusCode);
            anyone.DefaultRequestHeaders.Add("X-Api-Key", "wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, (await anyone.GetAsync("/metrics")).StatusCode);
        }

        var metricsPort = FreePort();
        var own = new Dictionary<string, string> { ["Admin:ApiKey"] = BotTestHost.AdminKey, ["Telemetry:MetricsUrl"] = $"http://127.0.0.1:{metricsPort}" };
        await using var separate = await BotProcess.StartAsync(_folder, own);
        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{metricsPort}") };
        var scrape = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Contains("# TYPE", await scrape.Content.ReadAsStringAsync());
        // The metrics address serves nothing else, and the bot's address no metrics without the key.
        Assert.Equal(HttpStatusCode.NotFound, (await scraper.GetAsync("/admin/devices")).StatusCode);
        using var bots = new HttpClient { BaseAddress = separate.BaseAddress };
        Assert.NotEqual(HttpStatusCode.OK, (await bots.GetAsync("/metrics")).StatusCode);
    }

    private static async Task<string> ScrapeUntilAsync(HttpClient admin, Func<string, bool> done)
    {
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            var scrape = await admin.GetStringAsync("/metrics");
            if (done(scrape)) return scrape;
            Assert.True(DateTime.UtcNow < until, $"the scrape never showed the round trip:\n{scrape}");
            await Task.Delay(200);
        }
    }

    /// <summary>The sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/> (null: none).</summary>
    private static double? Value(string scrape, string name, params (string Label, string Value)[] labels)
    {
        foreach (Match sample in Sample().Matches(scrape))
        {
            if (sample.Groups["name"].Value != name) continue;
            var given = Label().Matches(sample.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            if (labels.All(l => given.GetValueOrDefault(l.Label) == l.Value))
                return double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
