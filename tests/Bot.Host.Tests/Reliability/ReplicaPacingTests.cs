using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Host.Tests.Support;
using Bot.StandIns;
using Bot.StandIns.Slack;
using Bot.StandIns.Teams;
using Bot.StandIns.Tencent;
using Bot.TencentIot;
using Npgsql;
using Xunit.Abstractions;

namespace Bot.Host.Tests.Reliability;

/// <summary>
/// Two bots, each its own process, on one PostgreSQL database, both up while a Tencent backlog spreads over Slack
/// channels and Teams conversations in one tenant: together they stay within Slack's pace per channel and Teams'
/// budget per tenant (the stand-ins answer 429 to anything faster, and count it). Then two silences ended at once,
/// one at each replica, are each announced once.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class ReplicaPacingTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Twenty Teams conversations may take 7 operations a second each, far more than the tenant's 50, which each replica
    // alone would use up: only a budget shared by the replicas keeps it.
    private const int AlarmDevices = 30;
    private const int PerDevice = 24;
    private const string Product = "PACINGPROD";
    private const string SilenceEnded = "The silence of alarm";   // "… is over: n alarm(s) came meanwhile"
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(5);

    private TencentStandIn _tencent = null!;
    private SlackStandIn _slack = null!;
    private TeamsStandIn _teams = null!;
    private IsdpStandIn _isdp = null!;
    private readonly string _schema = TestPostgres.NewSchema();
    private string _folder = "";
    private Dictionary<string, string> _settings = [];

    public async Task InitializeAsync()
    {
        _tencent = await TencentStandIn.StartAsync();
        _slack = await SlackStandIn.StartAsync();
        _teams = await TeamsStandIn.StartAsync();
        _isdp = await IsdpStandIn.StartAsync();
        _folder = Directory.CreateTempSubdirectory("bot-replica-pacing-").FullName;
        _settings = await ProcessSettings.ForAsync(_folder, SeedJson(), _slack.BotSettings(), _isdp.BotSettings(), _tencent.BotSettings());
        _settings["Storage:Provider"] = "Postgres";
        _settings["ConnectionStrings:Bot"] = TestPostgres.InSchema(_schema);
        // One card per alarm is what this test counts; storms fold many of one device, and backlog summaries a queue
        // longer than a channel's share clears in 10 s (their own tests).
        _settings["Alarms:Storms:Enabled"] = "false";
        _settings["Alarms:Backlog:Enabled"] = "false";
        _settings["Tencent:PollInterval"] = "00:00:02";
        await ProcessSettings.AddTeamsAsync(_settings, _folder, _teams);
    }

    public async Task DisposeAsync()
    {
        await _tencent.DisposeAsync();
        await _slack.DisposeAsync();
        await _teams.DisposeAsync();
        await _isdp.DisposeAsync();
        if (TestPostgres.Problem is null) await TestPostgres.DropSchemaAsync(_schema);
    }

    [PostgresFact]
    public async Task Two_replicas_together_keep_each_platforms_pace_and_announce_each_silences_end_once()
    {
        var replicas = new BotProcess?[2];
        try
        {
            await RunAsync(replicas);
        }
        finally
        {
            // Never leave a replica running on a schema about to be dropped.
            foreach (var replica in replicas) if (replica is not null) await replica.DisposeAsync();
        }
    }

    private async Task RunAsync(BotProcess?[] replicas)
    {
        replicas[0] = await BotProcess.StartAsync(Folder(0), _settings);
        replicas[1] = await BotProcess.StartAsync(Folder(1), _settings);
        await InstallInTeamsAsync(replicas[0]!);
        await Until(async () => await ScalarAsync("SELECT count(*) FROM channels WHERE platform = 'teams' AND reference IS NOT NULL") == AlarmDevices * 2 / 3,
            "the Teams conversation references are stored");

        var alarms = new Dictionary<string, string>();   // title → channel id
        for (var n = 0; n < PerDevice; n++)
            for (var device = 0; device < AlarmDevices; device++)
            {
                var title = $"pacing-{device:D2}-{n:D2}";
                _tencent.AddMessage(TencentCategory.Device, title, "backlog", Product, $"dev{device}");
                alarms[title] = AlarmChannel(device);
            }
        try
        {
            await Until(async () => await ScalarAsync("SELECT count(*) FROM alarms") == alarms.Count
                                    && await ScalarAsync("SELECT count(*) FROM deliveries WHERE state <> 'Posted' OR due") == 0,
                "every alarm is stored and posted");
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\n{Describe(replicas)}");
        }

        var posts = Posts();
        foreach (var (title, channel) in alarms) Assert.Contains(posts, p => p.Channel == channel && p.Title == title);
        var slack429 = _slack.Calls.Count(c => c.Status == 429);
        output.WriteLine($"{alarms.Count} alarms, {posts.Count} posts; {slack429} Slack and {_teams.RateLimited} Teams 429s; " +
                         $"claims held by {await ScalarAsync("SELECT count(DISTINCT owner) FROM channel_claims")} replica(s)");
        Assert.Equal(0, slack429);
        Assert.Equal(0, _teams.RateLimited);

        await SilencesEndOnceAsync(replicas);
    }

    /// <summary>
    /// Two devices silenced, an alarm of each held back, then both silences ended at once, one at each replica: each
    /// replica's end looks for every ended silence to announce (and so may each replica's timer), yet each is announced once.
    /// </summary>
    private async Task SilencesEndOnceAsync(BotProcess?[] replicas)
    {
        using var first = Admin(replicas[0]!);
        using var second = Admin(replicas[1]!);
        (await first.PostAsJsonAsync("/admin/silences", new { device = "alarm0", minutes = 60 })).EnsureSuccessStatusCode();
        (await second.PostAsJsonAsync("/admin/silences", new { device = "alarm1", minutes = 60 })).EnsureSuccessStatusCode();
        _tencent.AddMessage(TencentCategory.Device, "held-0", "while silenced", Product, "dev0");
        _tencent.AddMessage(TencentCategory.Device, "held-1", "while silenced", Product, "dev1");
        await Until(async () => await ScalarAsync("SELECT count(*) FROM alarms WHERE held") == 2, "the silenced devices' alarms are held back");

        var ended = await Task.WhenAll(first.DeleteAsync("/admin/silences/alarm0"), second.DeleteAsync("/admin/silences/alarm1"));
        Assert.All(ended, r => Assert.Equal(System.Net.HttpStatusCode.NoContent, r.StatusCode));
        foreach (var response in ended) response.Dispose();
        await Until(async () => await ScalarAsync("SELECT count(*) FROM silences WHERE announced") == 2, "both ends are announced");

        var slackLines = _slack.CallsOf("chat.postMessage").Where(c => c.Status == 200 && c.Body.Contains(SilenceEnded, StringComparison.Ordinal)).ToList();
        var teamsLines = _teams.Calls.Where(c => c.Operation is "create" or "send" && c.Status == 201
                                                 && (c.Body?.ToJsonString() ?? "").Contains(SilenceEnded, StringComparison.Ordinal)).ToList();
        if (slackLines.Count != 1 || teamsLines.Count != 1)
            Assert.Fail($"{slackLines.Count} Slack and {teamsLines.Count} Teams lines; the last Slack calls: " +
                        string.Join("\n", _slack.Calls.TakeLast(6).Select(c => $"{c.Status} {c.Body}")) + Describe(replicas));
        Assert.Contains(AlarmChannel(0), slackLines[0].Body, StringComparison.Ordinal);
        Assert.Single(teamsLines);
        Assert.Equal(AlarmChannel(1), teamsLines[0].ConversationId);
    }

    private string Folder(int replica) => Directory.CreateDirectory(Path.Combine(_folder, $"replica{replica}")).FullName;

    private static HttpClient Admin(BotProcess bot)
    {
        var client = new HttpClient { BaseAddress = bot.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", BotTestHost.AdminKey);
        return client;
    }

    private async Task InstallInTeamsAsync(BotProcess bot)
    {
        using var toBot = new HttpClient { BaseAddress = bot.BaseAddress };
        foreach (var device in Enumerable.Range(0, AlarmDevices).Where(d => !IsSlack(d)))
        {
            var id = AlarmChannel(device);
            var place = new TeamsPlace(id, "channel", _teams.Settings.TenantId, id, "Pacing", id);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
            {
                Content = JsonContent.Create(ChannelActivities.ConversationUpdate(_teams.ServiceUrl, _teams.Settings.AppId, place, TeamsPerson.Alice)),
            };
            request.Headers.Authorization = new("Bearer", _teams.ChannelToken());
            (await toBot.SendAsync(request)).EnsureSuccessStatusCode();
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.InSchema(_schema));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Describe(BotProcess?[] replicas) =>
        string.Concat(replicas.Select((r, i) => $"\n--- replica {i} ---\n{(r?.Output is { } o ? o[Math.Max(0, o.Length - 4000)..] : "")}"));

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < Wait, $"not within {Wait}: {what}");
            await Task.Delay(100);   // a poll of stored state, not a wait for time to pass
        }
    }

    /// <summary>Every card the platforms accepted.</summary>
    private List<Post> Posts() =>
        _slack.CallsOf("chat.postMessage").Where(c => c.Status == 200 && c.Error is null)
            .Select(c => new Post(c.Json.GetProperty("channel").GetString()!, TitleOf(c.Body)))
            .Concat(_teams.Calls.Where(c => c.Operation is "create" or "send" && c.Status == 201 && c.Card is not null)
                .Select(c => new Post(c.ConversationId, TitleOf(c.Card!.ToJsonString()))))
            .Where(p => p.Title.Length > 0)
            .ToList();

    /// <summary>Every third device alarms a Slack channel, the others a Teams channel (all in the stand-in's one tenant).</summary>
    private static bool IsSlack(int device) => device % 3 == 0;

    private static string AlarmChannel(int device) => IsSlack(device) ? $"C0PACE{device}" : $"19:pace{device}@thread.tacv2";

    private static string AlarmChannelKey(int device) => (IsSlack(device) ? "slack:" : "teams:") + AlarmChannel(device);

    private sealed record Post(string Channel, string Title);

    private static string TitleOf(string body) => TitlePattern().Match(body).Value;

    [GeneratedRegex("pacing-\\d{2}-\\d{2}")]
    private static partial Regex TitlePattern();

    private static string SeedJson() => JsonSerializer.Serialize(new
    {
        devices = Enumerable.Range(0, AlarmDevices).Select(i => new
        {
            deviceId = $"alarm{i}",
            isdpDeviceId = $"alarm{i}--1",
            chatJid = $"{500 + i}@isdp.example.test",
            tencent = new { productId = Product, deviceName = $"dev{i}" },
        }),
        mappings = Enumerable.Range(0, AlarmDevices).Select(i => new { channel = AlarmChannelKey(i), device = $"alarm{i}" }),
    });
}
