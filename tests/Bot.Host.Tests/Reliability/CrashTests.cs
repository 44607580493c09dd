using System.Globalization;
using Bot.TencentIot;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Host.Tests.Support;
using Bot.StandIns;
using Bot.StandIns.Slack;
using Bot.StandIns.Teams;
using Bot.StandIns.Tencent;
using Xunit.Abstractions;

namespace Bot.Host.Tests.Reliability;

/// <summary>
/// The bot as its own process, killed with SIGKILL at random moments while a Tencent backlog is being posted to
/// Slack and Teams and while people confirm calls with signed Slack requests; started again on the same database, 20 times.
/// The random moments come from a fixed seed, so a failure reproduces.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rounds = 20;
    private const int AlarmDevices = 8;
    private const int CallDevices = 600;
    private const string Product = "CRASHPROD1";
    private static readonly SlackPersonInChannel Caller = new("U0CALLER", "caller", "C0CALLS", "calls");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    /// <summary>How long a round may take to reach its kill point (a few seconds normally; a start-up is part of it).</summary>
    private static readonly TimeSpan RoundWait = TimeSpan.FromSeconds(20);

    private TencentStandIn _tencent = null!;
    private SlackStandIn _slack = null!;
    private TeamsStandIn _teams = null!;
    private IsdpStandIn _isdp = null!;
    private string _folder = "";
    private Dictionary<string, string> _settings = [];

    public async Task InitializeAsync()
    {
        _tencent = await TencentStandIn.StartAsync();
        _slack = await SlackStandIn.StartAsync();
        _teams = await TeamsStandIn.StartAsync();
        _isdp = await IsdpStandIn.StartAsync();
        _folder = Directory.CreateTempSubdirectory("bot-crash-").FullName;
        _settings = await ProcessSettings.ForAsync(_folder, SeedJson(), _slack.BotSettings(), _isdp.BotSettings(), _tencent.BotSettings());
        _settings["Tencent:PollInterval"] = "00:00:01";
        // One card per alarm is what this test counts; storms and backlog summaries fold (their own tests).
        _settings["Alarms:Storms:Enabled"] = "false";
        _settings["Alarms:Backlog:Enabled"] = "false";
        await ProcessSettings.AddTeamsAsync(_settings, _folder, _teams);
    }

    private const string SlackTokenPrefix = "xoxb-crash-round-";

    /// <summary>Each process gets a Slack bot token of its own, so every Slack call names the round that sent it.</summary>
    private void UseSlackTokenOfRound(int round)
    {
        var token = SlackTokenPrefix + round.ToString(CultureInfo.InvariantCulture);
        _slack.AcceptBotToken(token);
        _settings["Slack:BotToken"] = token;
    }

    public async Task DisposeAsync()
    {
        await _tencent.DisposeAsync();
        await _slack.DisposeAsync();
        await _teams.DisposeAsync();
        await _isdp.DisposeAsync();
    }

    [Fact]
    public async Task Hard_kills_while_delivering_and_confirming_lose_no_alarm_send_no_invite_twice_and_repeat_only_in_the_window()
    {
        const int seed = 20261122;
        var alarms = new Dictionary<string, string>();   // title → channel id
        var confirmedDevices = new HashSet<string>();
        var nextCallDevice = 0;
        var startedAt = new List<DateTimeOffset>();      // when each process was started: the calls after it are its own
        var killPoints = new List<KillPoint>();

        // The bot is added to the Teams channels first: that is where their conversation references come from.
        await using (var installing = await BotProcess.StartAsync(_folder, _settings))
        {
            using var toBot = new HttpClient { BaseAddress = installing.BaseAddress };
            for (var device = 1; device < AlarmDevices; device += 2)
            {
                var id = AlarmChannel(device);
                var place = new TeamsPlace(id, "channel", _teams.Settings.TenantId, id, "Crash", id);
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
                {
                    Content = JsonContent.Create(ChannelActivities.ConversationUpdate(_teams.ServiceUrl, _teams.Settings.AppId, place, TeamsPerson.Alice)),
                };
                request.Headers.Authorization = new("Bearer", _teams.ChannelToken());
                (await toBot.SendAsync(request)).EnsureSuccessStatusCode();
            }
        }

        // The whole run (alarms and kill points) follows from the seed, so a failure reproduces.
        var schedule = Schedule(seed);
        Assert.Equal(schedule.Select(r => r.Kill), Schedule(seed).Select(r => r.Kill));
        for (var round = 0; round < Rounds; round++)
        {
            // New alarms arrive while the bot is down or starting, so a backlog is always being delivered.
            foreach (var (title, device) in schedule[round].Alarms)
            {
                _tencent.AddMessage(TencentCategory.Device, title, $"round {round}", Product, $"dev{device}");
                alarms[title] = AlarmChannel(device);
            }

            // The kill point is an event: the n-th card one platform accepts in this round and the m-th invite ISDP
            // accepts, both held unanswered. The process dies with both in flight (a card posted but its reference not
            // stored, a call confirmed but its outcome unknown), never at a moment when nothing happens.
            var plan = schedule[round].Kill;
            var post = plan.Platform == "slack" ? _slack.HoldAnswer("chat.postMessage", plan.Post) : _teams.HoldPostAnswer(plan.Post);
            var invite = _isdp.HoldInviteAnswer(plan.Invite);

            startedAt.Add(DateTimeOffset.UtcNow);
            UseSlackTokenOfRound(round);
            await using var bot = await BotProcess.StartAsync(_folder, _settings);   // the database opens every time
            using var stop = new CancellationTokenSource();
            var calling = Task.Run(() => ConfirmCallsAsync(bot.BaseAddress, () => nextCallDevice < CallDevices ? $"call{nextCallDevice++:D3}" : null, confirmedDevices, stop.Token));
            var reached = Task.WhenAll(post.Reached, invite.Reached);
            var inTime = await Task.WhenAny(reached, Task.Delay(RoundWait)) == reached;
            bot.KillHard();
            post.Release();
            invite.Release();
            await stop.CancelAsync();
            await calling;
            Assert.True(inTime, $"round {round}: the kill point {plan} was never reached (card held: {post.Reached.IsCompleted}, invite held: {invite.Reached.IsCompleted})");
            killPoints.Add(plan with { HeldPost = await post.Reached, HeldInvite = await invite.Reached });
        }

        // One last start, left alone until the outbox is empty.
        startedAt.Add(DateTimeOffset.UtcNow);
        UseSlackTokenOfRound(Rounds);
        await using var last = await BotProcess.StartAsync(_folder, _settings);
        using var admin = new HttpClient { BaseAddress = last.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Api-Key", BotTestHost.AdminKey);
        var until = DateTime.UtcNow + Wait;
        JsonElement stored;
        while (true)
        {
            stored = await admin.GetFromJsonAsync<JsonElement>("/admin/alarms?max=1000");
            var deliveries = stored.EnumerateArray().SelectMany(a => a.GetProperty("deliveries").EnumerateArray()).ToList();
            if (stored.GetArrayLength() == alarms.Count && deliveries.All(d => d.GetProperty("state").GetString() == "Posted")) break;
            Assert.True(DateTime.UtcNow < until, $"not all delivered: {stored}");
            await Task.Delay(100);
        }

        // Every card the platforms accepted, with the round (process) that sent it.
        // The process that sent a card is named by the call itself, not by when it arrived (a call a process sent just
        // before it was killed may be taken in after the next one started): in Slack by its round's bot token, in
        // Teams by the bearer token, which each process fetched for itself after it started.
        int SlackRoundOf(SlackApiCall call) =>
            call.Authorization is { } auth && auth.StartsWith("Bearer " + SlackTokenPrefix, StringComparison.Ordinal)
                ? int.Parse(auth[("Bearer " + SlackTokenPrefix).Length..], CultureInfo.InvariantCulture)
                : -1;
        int TeamsRoundOf(string bearer) => startedAt.FindLastIndex(s => s <= _teams.TokenIssuedAt(bearer));
        var posts = _slack.CallsOf("chat.postMessage").Where(c => c.Status == 200 && c.Error is null)
            .Select(c => new Post(c.Json.GetProperty("channel").GetString()!, TitleOf(c.Body), SlackRoundOf(c)))
            .Concat(_teams.Calls.Where(c => c.Operation is "create" or "send" && c.Status == 201)
                .Select(c => new Post(c.ConversationId, TitleOf(c.Card!.ToJsonString()), TeamsRoundOf(c.Bearer))))
            .ToList();

        // Every alarm reached its channel, and only its channel.
        foreach (var (title, channel) in alarms)
            Assert.Contains(posts, p => p.Channel == channel && p.Title == title);
        Assert.All(posts, p => Assert.Equal(alarms[p.Title], p.Channel));

        // Repeats only from the documented window: a card accepted just before a kill, before its reference was stored.
        // No card is posted twice by one process; a card posted again by a later process is charged to the kill that
        // ended the process before; a channel has one card on its way at a time, so each kill repeats at most one card per channel.
        var byCard = posts.GroupBy(p => (p.Channel, p.Title)).ToList();
        foreach (var card in byCard)
            Assert.True(card.Select(p => p.Round).Distinct().Count() == card.Count(), $"{card.Key} was posted twice by one process (rounds {string.Join(", ", card.Select(p => p.Round))})");
        var repeatsPerKill = byCard
            .SelectMany(card => card.Select(p => p.Round).Order().SkipLast(1).Select(round => (Kill: round, card.Key.Channel)))
            .GroupBy(r => r).ToList();
        foreach (var kill in repeatsPerKill)
            Assert.True(kill.Count() <= 1, $"kill {kill.Key.Kill} repeated {kill.Count()} cards in {kill.Key.Channel}");

        // The card held at each kill was in the window: accepted, never acknowledged to the bot, so posted again.
        foreach (var point in killPoints)
        {
            var held = point.HeldCard;
            Assert.Contains(posts, p => p.Channel == held.Channel && p.Title == held.Title && p.Round == point.Round);
            Assert.Contains(posts, p => p.Channel == held.Channel && p.Title == held.Title && p.Round > point.Round);
        }

        // No invite twice: each call used its own device, so a second invite for a call would show as a repeated device.
        var invites = _isdp.ReceivedInvites.Select(i => i.DeviceId).ToList();
        Assert.Equal(invites.Count, invites.Distinct().Count());
        Assert.Subset(confirmedDevices, invites.ToHashSet());
        // The call whose invite was in flight at each kill ends as Failed (interrupted), never sent again.
        var audit = await admin.GetFromJsonAsync<JsonElement>("/admin/calls/audit?max=1000");
        foreach (var point in killPoints)
            Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("deviceId").GetString() == point.HeldInvite && e.GetProperty("event").GetString() == "interrupted");

        output.WriteLine($"{Rounds} kills at {string.Join("; ", killPoints)}");
        output.WriteLine($"{alarms.Count} alarms, {posts.Count} posts, {posts.Count - byCard.Count} repeated card(s); " +
                         $"{confirmedDevices.Count} calls confirmed, {invites.Count} invites; {_slack.Calls.Count(c => c.Status == 429)} Slack and {_teams.RateLimited} Teams 429s.");
    }

    [Fact]
    public async Task An_invite_ISDP_accepted_but_never_answered_before_a_kill_ends_as_failed_and_a_new_click_sends_exactly_one()
    {
        var responseUrl = _slack.NewResponseUrl();
        JsonElement confirm;
        var held = _isdp.HoldInviteAnswer();
        await using (var bot = await BotProcess.StartAsync(_folder, _settings))
        {
            using var command = await _slack.SendCommandAsync(bot.BaseAddress, Caller, "/call", "call001", responseUrl);
            confirm = Slack.SlackHarness.Button(JsonDocument.Parse(await command.Content.ReadAsStringAsync()).RootElement, CardVerbs.CallConfirm).Clone();
            using (await _slack.ClickAsync(bot.BaseAddress, Caller, confirm, responseUrl)) { }
            Assert.Equal("call001", await held.Reached.WaitAsync(Wait));   // ISDP has the invite; the bot never hears back
            bot.KillHard();
            held.Release();
        }

        await using var again = await BotProcess.StartAsync(_folder, _settings);
        using var admin = new HttpClient { BaseAddress = again.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Api-Key", BotTestHost.AdminKey);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/admin/calls/audit?max=100");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("deviceId").GetString() == "call001" && e.GetProperty("event").GetString() == "interrupted");

        // The old card's Call button: the call is over (failed), so nothing is sent again.
        using (await _slack.ClickAsync(again.BaseAddress, Caller, confirm, responseUrl)) { }
        await _slack.WaitForResponsesAsync(responseUrl, 1, Wait);
        Assert.Single(_isdp.ReceivedInvites);

        // Try again (the failed card's button): exactly one new invite.
        var retry = JsonDocument.Parse(confirm.GetRawText().Replace(CardVerbs.CallConfirm, CardVerbs.CallRetry, StringComparison.Ordinal)).RootElement;
        using (await _slack.ClickAsync(again.BaseAddress, Caller, retry, responseUrl)) { }
        await _isdp.WaitForInvitesAsync(2, Wait);
        await _slack.WaitForResponsesAsync(responseUrl, 2, Wait);
        Assert.Equal(["call001", "call001"], _isdp.ReceivedInvites.Select(i => i.DeviceId));
    }

    /// <summary>Asks for a call and double-clicks Call, again and again, until stopped (or the bot is gone).</summary>
    private async Task ConfirmCallsAsync(Uri bot, Func<string?> nextDevice, HashSet<string> confirmed, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (nextDevice() is not { } device) return;
                var responseUrl = _slack.NewResponseUrl();
                using var command = await _slack.SendCommandAsync(bot, Caller, "/call", device, responseUrl);
                if (!command.IsSuccessStatusCode) continue;
                var answer = JsonDocument.Parse(await command.Content.ReadAsStringAsync(stop)).RootElement;
                var confirm = Slack.SlackHarness.Button(answer, "call.confirm");
                lock (confirmed) confirmed.Add(device);
                var clicks = await Task.WhenAll(_slack.ClickAsync(bot, Caller, confirm, responseUrl), _slack.ClickAsync(bot, Caller, confirm, responseUrl));
                foreach (var click in clicks) click.Dispose();
                await Task.Delay(50, stop);
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException) { }
    }

    /// <summary>Even devices alarm a Slack channel, odd ones a Teams channel.</summary>
    private static string AlarmChannel(int device) => device % 2 == 0 ? $"C0ALARM{device}" : $"19:alarm{device}@thread.tacv2";

    private static string AlarmChannelKey(int device) => (device % 2 == 0 ? "slack:" : "teams:") + AlarmChannel(device);

    /// <summary>Where a round's process was killed: the card and the invite it had in flight.</summary>
    private sealed record KillPoint(int Round, string Platform, int Post, int Invite, string? HeldPost = null, string? HeldInvite = null)
    {
        /// <summary>The held card's channel and alarm title (the stand-ins describe a held card as channel, new line, body).</summary>
        public (string Channel, string Title) HeldCard => HeldPost is null ? ("", "") : (HeldPost[..HeldPost.IndexOf('\n', StringComparison.Ordinal)], TitleOf(HeldPost));

        public override string ToString() => $"#{Round} {Platform} card {Post} ({HeldCard.Title}) + invite {Invite} ({HeldInvite})";
    }

    private sealed record Post(string Channel, string Title, int Round);

    private sealed record RoundPlan(IReadOnlyList<(string Title, int Device)> Alarms, KillPoint Kill);

    /// <summary>
    /// Each round's six new alarms (random devices) and its kill point: the card to hold is one of the first three
    /// the round's new alarms bring to one platform, the invite the first or the second of the round.
    /// </summary>
    private static List<RoundPlan> Schedule(int seed)
    {
        var random = new Random(seed);
        var plan = new List<RoundPlan>();
        for (var round = 0; round < Rounds; round++)
        {
            var alarms = Enumerable.Range(0, 6).Select(i => ($"crash-{round * 6 + i:D4}", random.Next(AlarmDevices))).ToList();
            var newOnSlack = alarms.Count(a => a.Item2 % 2 == 0);
            var onSlack = newOnSlack switch { 0 => false, 6 => true, _ => random.Next(2) == 0 };
            var post = 1 + random.Next(Math.Min(3, onSlack ? newOnSlack : alarms.Count - newOnSlack));
            plan.Add(new RoundPlan(alarms, new KillPoint(round, onSlack ? "slack" : "teams", post, 1 + random.Next(2))));
        }
        return plan;
    }

    private static string TitleOf(string body) => TitlePattern().Match(body).Value;

    [GeneratedRegex("crash-\\d{4}")]
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
