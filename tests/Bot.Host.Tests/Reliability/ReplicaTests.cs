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
/// Two bots, each its own process, on one PostgreSQL database with the stand-ins: a Tencent backlog of 500 alarms
/// goes to Slack and Teams channels while people confirm calls with signed Slack requests, the command reaching one
/// replica and the double click both. The replica that polls is killed with SIGKILL mid-way and started again later.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class ReplicaTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int AlarmDevices = 16;
    private const int Backlog = 500;
    private const int AfterKill = 60;
    private const int CallDevices = 400;
    private const string Product = "REPLICAPROD";
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);
    private static readonly SlackPersonInChannel Caller = new("U0CALLER", "caller", "C0CALLS", "calls");
    private static readonly TimeSpan Wait = TimeSpan.FromMinutes(4);

    private TencentStandIn _tencent = null!;
    private SlackStandIn _slack = null!;
    private TeamsStandIn _teams = null!;
    private IsdpStandIn _isdp = null!;
    private readonly string _schema = TestPostgres.NewSchema();
    private string _folder = "";
    private Dictionary<string, string> _settings = [];
    private readonly List<string> _trouble = [];

    public async Task InitializeAsync()
    {
        _tencent = await TencentStandIn.StartAsync();
        _slack = await SlackStandIn.StartAsync();
        _teams = await TeamsStandIn.StartAsync();
        _isdp = await IsdpStandIn.StartAsync();
        _folder = Directory.CreateTempSubdirectory("bot-replicas-").FullName;
        _settings = await ProcessSettings.ForAsync(_folder, SeedJson(), _slack.BotSettings(), _isdp.BotSettings(), _tencent.BotSettings());
        _settings["Storage:Provider"] = "Postgres";
        _settings["ConnectionStrings:Bot"] = TestPostgres.InSchema(_schema);
        _settings["Storage:Postgres:ChannelClaim"] = "00:00:05";
        // One card per alarm is what this test counts; storms and backlog summaries fold (their own tests).
        _settings["Alarms:Storms:Enabled"] = "false";
        _settings["Alarms:Backlog:Enabled"] = "false";
        _settings["Tencent:PollInterval"] = PollInterval.ToString();
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
    public async Task Two_replicas_deliver_every_alarm_send_no_invite_twice_and_the_poller_moves_to_the_survivor_when_one_is_killed()
    {
        var alarms = new Dictionary<string, string>();   // title → channel id

        var replicas = new BotProcess?[2];
        try
        {
            await RunAsync(alarms, replicas);
        }
        finally
        {
            // Never leave a replica running on a schema about to be dropped.
            foreach (var replica in replicas) if (replica is not null) await replica.DisposeAsync();
        }
    }

    private async Task RunAsync(Dictionary<string, string> alarms, BotProcess?[] replicas)
    {
        replicas[0] = await BotProcess.StartAsync(Folder(0), _settings);
        // The bot is added to the Teams channels through the first replica: the other one finds the references in the database.
        await InstallInTeamsAsync(replicas[0]!);
        await Until(async () => await InstalledAsync() == AlarmDevices / 2, "the Teams conversation references are stored");
        for (var i = 0; i < Backlog; i++) AddAlarm(alarms, $"replica-{i:D4}", i % AlarmDevices);
        replicas[1] = await BotProcess.StartAsync(Folder(1), _settings);

        var poller = await PollerAsync(replicas, TimeSpan.FromSeconds(60));
        var confirmed = new HashSet<string>();
        var nextDevice = 0;
        using var stop = new CancellationTokenSource();
        var calling = Task.Run(() => ConfirmCallsAsync(replicas, () => Interlocked.Increment(ref nextDevice) - 1 is var n && n < CallDevices ? $"call{n:D3}" : null, confirmed, stop.Token));

        // Mid-way through the backlog, the replica that polls dies.
        await Until(() => Task.FromResult(Posts().Count >= Backlog / 3), "a third of the backlog is posted");
        replicas[poller]!.KillHard();
        var killedAt = Stopwatch.StartNew();
        var survivor = 1 - poller;
        var takeover = await TakeoverAsync(replicas[survivor]!, TimeSpan.FromSeconds(60));
        var tookOverAfter = killedAt.Elapsed;
        for (var i = 0; i < AfterKill; i++) AddAlarm(alarms, $"replica-{Backlog + i:D4}", i % AlarmDevices);

        // Started again later, while the survivor is still delivering.
        await Until(() => Task.FromResult(Posts().Count >= Backlog * 2 / 3), "two thirds of the backlog are posted");
        await replicas[poller]!.DisposeAsync();
        replicas[poller] = await BotProcess.StartAsync(Folder(poller), _settings);

        try
        {
            await Until(async () => await UndeliveredAsync() == (alarms.Count, 0), "every alarm is stored and posted");
        }
        catch (Exception e)
        {
            lock (_trouble) output.WriteLine($"calls that went nowhere ({_trouble.Count}): {string.Join("; ", _trouble.Take(20))}");
            throw new Xunit.Sdk.XunitException($"{e.Message}; {alarms.Count} alarms sent; the outbox: {Describe(await OutboxAsync(), replicas)}");
        }
        await stop.CancelAsync();
        await calling;

        var posts = Posts();
        foreach (var (title, channel) in alarms)
            Assert.Contains(posts, p => p.Channel == channel && p.Title == title);
        Assert.All(posts, p => Assert.Equal(alarms[p.Title], p.Channel));
        // Repeats only in the documented window: the card the killed replica had on its way in a channel it held,
        // posted again once its claim expired. One kill, so at most one repeat per channel.
        var repeats = posts.GroupBy(p => (p.Channel, p.Title)).Where(g => g.Count() > 1).ToList();
        Assert.All(repeats, r => Assert.Equal(2, r.Count()));
        Assert.All(repeats.GroupBy(r => r.Key.Channel), channel => Assert.Single(channel));

        var invites = _isdp.ReceivedInvites.Select(i => i.DeviceId).ToList();
        Assert.Equal(invites.Count, invites.Distinct().Count());
        Assert.NotEmpty(confirmed);

        Assert.True(takeover, "the survivor never took the poller's lock");
        Assert.True(tookOverAfter <= 2 * PollInterval, $"the poller moved after {tookOverAfter}, more than two intervals ({2 * PollInterval})");

        lock (_trouble) output.WriteLine($"calls that went nowhere ({_trouble.Count}): {string.Join("; ", _trouble.Take(20))}");
        output.WriteLine($"{alarms.Count} alarms, {posts.Count} posts, {repeats.Count} repeated; poller moved after {tookOverAfter.TotalSeconds:F1} s; " +
                         $"{confirmed.Count} calls confirmed, {invites.Count} invites; {_slack.Calls.Count(c => c.Status == 429)} Slack and {_teams.RateLimited} Teams 429s.");
    }

    private string Folder(int replica) => Directory.CreateDirectory(Path.Combine(_folder, $"replica{replica}")).FullName;

    private void AddAlarm(Dictionary<string, string> alarms, string title, int device)
    {
        _tencent.AddMessage(TencentCategory.Device, title, "backlog", Product, $"dev{device}");
        alarms[title] = AlarmChannel(device);
    }

    private async Task InstallInTeamsAsync(BotProcess bot)
    {
        using var toBot = new HttpClient { BaseAddress = bot.BaseAddress };
        for (var device = 1; device < AlarmDevices; device += 2)
        {
            var id = AlarmChannel(device);
            var place = new TeamsPlace(id, "channel", _teams.Settings.TenantId, id, "Replicas", id);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
            {
                Content = JsonContent.Create(ChannelActivities.ConversationUpdate(_teams.ServiceUrl, _teams.Settings.AppId, place, TeamsPerson.Alice)),
            };
            request.Headers.Authorization = new("Bearer", _teams.ChannelToken());
            (await toBot.SendAsync(request)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Which replica holds the poller's lock (exactly one, once both have asked).</summary>
    private static async Task<int> PollerAsync(BotProcess?[] replicas, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var held = new List<int>();
            for (var i = 0; i < replicas.Length; i++)
                if (await PollerFieldAsync(replicas[i]!) == "held") held.Add(i);
            if (held.Count == 1) return held[0];
            Assert.True(held.Count <= 1, "two replicas hold the poller's lock");
            Assert.True(deadline.Elapsed < within, "no replica took the poller's lock");
            await Task.Delay(50);
        }
    }

    private static async Task<bool> TakeoverAsync(BotProcess survivor, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            if (await PollerFieldAsync(survivor) == "held") return true;
            await Task.Delay(50);
        }
        return false;
    }

    private static async Task<string?> PollerFieldAsync(BotProcess bot)
    {
        using var client = new HttpClient { BaseAddress = bot.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", BotTestHost.AdminKey);
        var ready = await client.GetFromJsonAsync<JsonElement>("/readyz");
        return ready.GetProperty("poller").GetString();
    }

    /// <summary>How many alarms are stored and how many of their deliveries are not posted yet, read from the database.</summary>
    private async Task<(int Alarms, int Undelivered)> UndeliveredAsync()
    {
        await using var connection = new NpgsqlConnection(TestPostgres.InSchema(_schema));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*)::int FROM alarms), (SELECT count(*)::int FROM deliveries WHERE state <> 'Posted' OR due)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static string Describe(string outbox, BotProcess?[] replicas) =>
        outbox + string.Concat(replicas.Select((r, i) => $"\n--- replica {i} ---\n{(r?.Output is { } o ? o[Math.Max(0, o.Length - 4000)..] : "")}"));

    private async Task<long> InstalledAsync()
    {
        await using var connection = new NpgsqlConnection(TestPostgres.InSchema(_schema));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM channels WHERE platform = 'teams' AND reference IS NOT NULL", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>The outbox by state, for a failure's message.</summary>
    private async Task<string> OutboxAsync()
    {
        await using var connection = new NpgsqlConnection(TestPostgres.InSchema(_schema));
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM alarms", connection);
        var lines = new List<string> { $"alarms stored: {await count.ExecuteScalarAsync()}" };
        await using var command = new NpgsqlCommand(
            "SELECT state || ' due=' || due || ' ' || channel_key || ' attempts=' || max(attempts) || ' ' || coalesce(max(last_error), '') || ': ' || count(*) " +
            "FROM deliveries WHERE state <> 'Posted' OR due GROUP BY state, due, channel_key ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join("\n", lines);
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < Wait, $"not within {Wait}: {what}");
            await Task.Delay(100);
        }
    }

    /// <summary>Every card the platforms accepted.</summary>
    private List<Post> Posts() =>
        _slack.CallsOf("chat.postMessage").Where(c => c.Status == 200 && c.Error is null && TitleOf(c.Body).Length > 0)
            .Select(c => new Post(c.Json.GetProperty("channel").GetString()!, TitleOf(c.Body)))
            .Concat(_teams.Calls.Where(c => c.Operation is "create" or "send" && c.Status == 201 && c.Card is not null)
                .Select(c => new Post(c.ConversationId, TitleOf(c.Card!.ToJsonString()))))
            .Where(p => p.Title.Length > 0)
            .ToList();

    /// <summary>
    /// Asks for a call at one replica and double-clicks Call with one click at each, again and again, until stopped.
    /// A replica that is down answers nothing; the loop goes on with the next call.
    /// </summary>
    private async Task ConfirmCallsAsync(BotProcess?[] replicas, Func<string?> nextDevice, HashSet<string> confirmed, CancellationToken stop)
    {
        var turn = 0;
        while (!stop.IsCancellationRequested)
        {
            if (nextDevice() is not { } device) return;
            try
            {
                var asked = replicas[turn++ % 2]!;
                var responseUrl = _slack.NewResponseUrl();
                using var command = await _slack.SendCommandAsync(asked.BaseAddress, Caller, "/call", device, responseUrl);
                if (!command.IsSuccessStatusCode)
                {
                    lock (_trouble) _trouble.Add($"{device}: /call answered {(int)command.StatusCode}");
                    continue;
                }
                var answer = JsonDocument.Parse(await command.Content.ReadAsStringAsync(stop)).RootElement;
                // A busy replica answers "working on it" within Slack's 3 seconds and sends the card to the response_url.
                if (!answer.ToString().Contains("call.confirm", StringComparison.Ordinal))
                    answer = (await _slack.WaitForResponsesAsync(responseUrl, 1, TimeSpan.FromSeconds(30)))[0].Body;
                if (!answer.ToString().Contains("call.confirm", StringComparison.Ordinal))
                {
                    lock (_trouble) _trouble.Add($"{device}: /call answered {answer.ToString()[..Math.Min(300, answer.ToString().Length)]}");
                    continue;
                }
                var confirm = Slack.SlackHarness.Button(answer, "call.confirm");
                lock (confirmed) confirmed.Add(device);
                var clicks = await Task.WhenAll(replicas.Select(r => ClickAsync(r!, confirm, responseUrl)));
                foreach (var click in clicks) click?.Dispose();
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or InvalidOperationException or KeyNotFoundException or TimeoutException)
            {
                lock (_trouble) _trouble.Add($"{device}: {e.GetType().Name}: {e.Message}");
            }
        }
    }

    private async Task<HttpResponseMessage?> ClickAsync(BotProcess replica, JsonElement confirm, string responseUrl)
    {
        try { return await _slack.ClickAsync(replica.BaseAddress, Caller, confirm, responseUrl); }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException) { return null; }
    }

    /// <summary>Even devices alarm a Slack channel, odd ones a Teams channel.</summary>
    private static string AlarmChannel(int device) => device % 2 == 0 ? $"C0REPL{device}" : $"19:repl{device}@thread.tacv2";

    private static string AlarmChannelKey(int device) => (device % 2 == 0 ? "slack:" : "teams:") + AlarmChannel(device);

    private sealed record Post(string Channel, string Title);

    private static string TitleOf(string body) => TitlePattern().Match(body).Value;

    [GeneratedRegex("replica-\\d{4}")]
    private static partial Regex TitlePattern();

    private static string SeedJson() => JsonSerializer.Serialize(new
    {
        devices = Enumerable.Range(0, AlarmDevices).Select(i => (object)new
        {
            deviceId = $"alarm{i}",
            isdpDeviceId = $"alarm{i}--1",
            chatJid = $"{500 + i}@isdp.example.test",
            tencent = new { productId = Product, deviceName = $"dev{i}" },
        }).Concat(Enumerable.Range(0, CallDevices).Select(i => new
        {
            deviceId = $"call{i:D3}",
            isdpDeviceId = $"call{i:D3}--1",
            chatJid = $"{1000 + i}@isdp.example.test",
        })),
        mappings = Enumerable.Range(0, AlarmDevices).Select(i => new { channel = AlarmChannelKey(i), device = $"alarm{i}" })
            .Concat(Enumerable.Range(0, CallDevices).Select(i => new { channel = $"slack:{Caller.ChannelId}", device = $"call{i:D3}" })),
    });
}
