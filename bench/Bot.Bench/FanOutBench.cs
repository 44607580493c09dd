using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bot.TencentIot;
using Bot.StandIns.Slack;
using Bot.StandIns.Teams;
using Bot.StandIns.Tencent;
using Bot.Testing;

namespace Bot.Bench;

/// <summary>
/// Alarm fan-out: messages for devices mapped across channels (Slack and Teams alternating), from the Tencent
/// stand-in to the Slack and Teams stand-ins, which enforce the platforms' published limits with 429 (Slack per
/// channel; Teams per conversation and per tenant). Reports the time until every card is delivered against the
/// floor those limits allow, the 429s, and peak memory. Then one notification reaches every channel and is
/// acknowledged from Slack: the time until every copy shows it, against the floor of the edit limits.
/// </summary>
public static partial class FanOutBench
{
    /// <summary>Slack: chat.postMessage, about one message per second per channel (the stand-in's interval).</summary>
    private static readonly TimeSpan SlackInterval = new SlackStandInSettings().ChannelInterval;

    public static async Task<IReadOnlyList<string>> RunAsync(int messages = 10_000, int devices = 1_000, int channels = 200, TimeSpan? timeout = null, BenchStore? store = null)
    {
        store ??= BenchStore.LiteDb;
        var folder = Directory.CreateTempSubdirectory("bot-bench-fanout-").FullName;
        await using var tencent = await TencentStandIn.StartAsync();
        await using var slack = await SlackStandIn.StartAsync();
        await using var teams = await TeamsStandIn.StartAsync();
        var settings = await AlarmScenario.SettingsAsync(folder, devices, channels, tencent, slack, teams);
        settings["Tencent:Categories:1"] = "3";
        // One card per alarm at the platforms' limits is what this measures: storms would fold a device's later alarms,
        // backlog summaries a channel's queue beyond its pace (the `storm` scenario measures both).
        settings["Alarms:Storms:Enabled"] = "false";
        settings["Alarms:Backlog:Enabled"] = "false";
        for (var c = 0; c < channels; c++) settings[$"Alarms:NotificationChannels:{c}"] = FootprintBench.ChannelKey(c);
        AlarmScenario.ApplyKnobs(settings);
        // With several replicas the stand-ins count every delivery, whichever replica made it.
        await using var bots = await store.StartAsync(folder, settings, TimeSpan.FromMinutes(5));
        var bot = bots.First;

        await AlarmScenario.JoinTeamsChannelsAsync(bot.BaseAddress, teams, channels);

        var readyResident = bots.ResidentBytes();
        var readyPeak = bots.PeakResidentBytes();
        var readyParts = bots.ResidentParts();
        var perChannel = new int[channels];
        var tencentCallsBefore = tencent.Calls("AppGetMessages");
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        for (var m = 0; m < messages; m++)
        {
            var device = m % devices;
            perChannel[device % channels]++;
            tencent.AddMessage(TencentCategory.Device, $"alarm {m}", $"bench alarm {m} of device {device}", "BENCHPROD1", $"dev{device:D5}");
        }

        var peak = 0L;
        var peakParts = readyParts;
        var limit = timeout ?? TimeSpan.FromMinutes(10);
        int slackPosted, teamsPosted;
        TimeSpan? firstCard = null;
        while (true)
        {
            slackPosted = slack.Calls.Count(c => c.Method == "chat.postMessage" && c.Status == 200);
            teamsPosted = teams.Calls.Count(c => c.Operation is "create" or "send" && c.Status is 200 or 201);
            if (firstCard is null && slackPosted + teamsPosted > 0) firstCard = clock.Elapsed;
            var resident = bots.ResidentBytes();
            if (resident > peak) (peak, peakParts) = (resident, bots.ResidentParts());
            if (slackPosted + teamsPosted >= messages || clock.Elapsed > limit) break;
            await Task.Delay(250);
        }
        var elapsed = clock.Elapsed;
        peak = Math.Max(peak, bots.PeakResidentBytes());
        var slackDone = slack.Calls.Where(c => c.Method == "chat.postMessage" && c.Status == 200).Select(c => c.At).DefaultIfEmpty(started).Max() - started;
        var teamsDone = teams.Calls.Where(c => c.Operation is "create" or "send" && c.Status is 200 or 201).Select(c => c.At).DefaultIfEmpty(started).Max() - started;
        var pages = tencent.Calls("AppGetMessages") - tencentCallsBefore;

        var slackFloor = Enumerable.Range(0, channels).Where(c => c % 2 == 0).Select(c => SlackFloor(perChannel[c])).DefaultIfEmpty().Max();
        var teamsCards = Enumerable.Range(0, channels).Where(c => c % 2 == 1).Sum(c => perChannel[c]);
        var teamsConversationFloor = Enumerable.Range(0, channels).Where(c => c % 2 == 1).Select(c => WindowFloor(perChannel[c], teams.Settings.ConversationLimits)).DefaultIfEmpty().Max();
        var teamsTenantFloor = WindowFloor(teamsCards, teams.Settings.TenantLimits);
        var teamsFloor = teamsConversationFloor > teamsTenantFloor ? teamsConversationFloor : teamsTenantFloor;
        var floor = slackFloor > teamsFloor ? slackFloor : teamsFloor;
        var slack429 = slack.Calls.Count(c => c.Status == 429);
        var teams429 = teams.RateLimited;
        var delivered = slackPosted + teamsPosted;
        // Replicas must not post a card twice: count the alarms whose card arrived more than once.
        var numbered = slack.Calls.Where(c => c.Method == "chat.postMessage" && c.Status == 200).Select(c => c.Body)
            .Concat(teams.Calls.Where(c => c.Operation is "create" or "send" && c.Status is 200 or 201).Select(c => c.Body?.ToJsonString() ?? ""))
            .Select(body => AlarmNumber().Match(body)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        var twice = numbered.CountBy(n => n).Count(g => g.Value > 1);

        var acknowledge = await AcknowledgeAsync(bot, tencent, slack, teams, channels);

        return
        [
            $"{messages:N0} device alarms for {devices:N0} devices mapped across {channels:N0} channels ({channels / 2} Slack, {channels - channels / 2} Teams), " +
            $"{perChannel.Min()}–{perChannel.Max()} cards per channel. Slack stand-in: one `chat.postMessage` per second per channel; " +
            $"Teams stand-in: {string.Join(", ", teams.Settings.ConversationLimits.Select(l => $"{l.Limit} per {l.Span.TotalSeconds:F0} s"))} per conversation " +
            $"and {string.Join(", ", teams.Settings.TenantLimits.Select(l => $"{l.Limit} per {l.Span.TotalSeconds:F0} s"))} per tenant (all bench channels are in one tenant). " +
            "The clock starts when the messages appear at Tencent (`Tencent:PollInterval` 1 s). " +
            (store.IsPostgres ? $"Store: {store.Label} on one database (memory rows: all replicas together)." : "Store: LiteDB, durable (fsync) commits."),
            "",
            "| measure | value |",
            "|---|---|",
            $"| cards delivered | {delivered:N0} of {messages:N0}{(delivered < messages ? $" (stopped after {limit.TotalMinutes:F0} min)" : "")} |",
            $"| alarms whose card was delivered more than once | {twice} (of the {numbered.Count:N0} cards that name their alarm) |",
            $"| time until all were delivered | {elapsed.TotalSeconds:F1} s |",
            $"| first card delivered (±0.25 s) | {firstCard?.TotalSeconds:F2} s |",
            $"| last Slack card / last Teams card | {slackDone.TotalSeconds:F1} s / {teamsDone.TotalSeconds:F1} s |",
            $"| floor the limits allow (Slack {slackFloor.TotalSeconds:F1} s; Teams {teamsFloor.TotalSeconds:F1} s: per conversation {teamsConversationFloor.TotalSeconds:F1} s, {teamsCards:N0} cards in one tenant {teamsTenantFloor.TotalSeconds:F1} s) | {floor.TotalSeconds:F1} s |",
            $"| ratio to the floor | {elapsed / floor:F2}× |",
            $"| 429 from the Slack stand-in | {slack429} |",
            $"| 429 from the Teams stand-in | {teams429} |",
            $"| Tencent `AppGetMessages` calls | {pages} |",
            $"| peak resident memory of the bot | {peak / 1024.0 / 1024.0:F1} MB |",
            $"| resident memory when ready, before the alarms (peak until then) | {readyResident / 1024.0 / 1024.0:F1} MB ({readyPeak / 1024.0 / 1024.0:F1} MB) |",
            $"| of it anonymous / file-backed / JIT code (shared memory): when ready; at the highest sample (every 0.25 s) | {Parts(readyParts)}; {Parts(peakParts)} |",
            "",
            "Target: within 1.1× of the floor, no 429 from either stand-in, peak resident memory under 150 MB.",
            "",
            .. acknowledge,
        ];
    }

    /// <summary>
    /// One notification to every channel, acknowledged from the first Slack channel: the time from the click until
    /// every other copy was edited (Slack <c>chat.update</c>, Teams activity update) and the clicked one rewritten.
    /// </summary>
    private static async Task<IReadOnlyList<string>> AcknowledgeAsync(BotProcess bot, TencentStandIn tencent, SlackStandIn slack, TeamsStandIn teams, int channels)
    {
        const string title = "bench notice";
        var slackChannels = Enumerable.Range(0, channels).Where(c => c % 2 == 0).Select(c => FootprintBench.ChannelKey(c)["slack:".Length..]).ToHashSet(StringComparer.Ordinal);
        var teamsCount = channels - slackChannels.Count;
        var slackBefore = slack.Calls.Count;
        var teamsBefore = teams.Calls.Count;
        tencent.AddMessage(TencentCategory.Notification, title, "every channel gets this one");

        bool IsNotice(SlackApiCall c) => c.Method == "chat.postMessage" && c.Status == 200 && c.Body.Contains(title, StringComparison.Ordinal);
        var limit = Stopwatch.StartNew();
        while (slack.Calls.Skip(slackBefore).Count(IsNotice) < slackChannels.Count
               || teams.Calls.Skip(teamsBefore).Count(c => c.Operation is "create" or "send" && c.Status is 200 or 201) < teamsCount)
        {
            if (limit.Elapsed > TimeSpan.FromMinutes(2)) return ["The notification did not reach every channel within 2 minutes: no acknowledge figure."];
            await Task.Delay(100);
        }
        // Past Slack's one-per-second spacing of the notice's own post, so the edits measure the acknowledgement alone.
        await Task.Delay(TimeSpan.FromSeconds(2));

        var clicked = slack.Calls.Skip(slackBefore).First(c => IsNotice(c) && c.Json.GetProperty("channel").GetString() == FootprintBench.ChannelKey(0)["slack:".Length..]);
        var channel = clicked.Json.GetProperty("channel").GetString()!;
        var ts = slack.PostedTs(channel)[^1];
        var button = Buttons(clicked.Json).Single(b => b.GetProperty("action_id").GetString()!.StartsWith("alarm.ack#", StringComparison.Ordinal));
        var slackEditsBefore = slack.Calls.Count;
        var teamsEditsBefore = teams.Calls.Count;
        var responseUrl = slack.NewResponseUrl();
        var clickedAt = DateTimeOffset.UtcNow;
        var answer = await slack.ClickAsync(bot.BaseAddress, new SlackPersonInChannel("U0BENCH", "bench", channel, "bench"), button, responseUrl, ts);
        answer.EnsureSuccessStatusCode();

        var edits = (Slack: 0, Teams: 0, Rewritten: false);
        while (true)
        {
            edits = (
                slack.Calls.Skip(slackEditsBefore).Count(c => c.Method == "chat.update" && c.Status == 200 && c.Error is null),
                teams.Calls.Skip(teamsEditsBefore).Count(c => c.Operation == "update" && c.Status == 200),
                slack.ResponsesTo(responseUrl).Count > 0);
            if (edits.Slack >= slackChannels.Count - 1 && edits.Teams >= teamsCount && edits.Rewritten) break;
            if (limit.Elapsed > TimeSpan.FromMinutes(4)) break;
            await Task.Delay(20);
        }
        var lastSlack = slack.Calls.Skip(slackEditsBefore).Where(c => c.Method == "chat.update" && c.Status == 200).Select(c => c.At).DefaultIfEmpty(clickedAt).Max();
        var lastTeams = teams.Calls.Skip(teamsEditsBefore).Where(c => c.Operation == "update" && c.Status == 200).Select(c => c.At).DefaultIfEmpty(clickedAt).Max();
        var rewritten = slack.ResponsesTo(responseUrl).Select(r => r.At).DefaultIfEmpty(clickedAt).Min();
        var all = new[] { lastSlack, lastTeams, rewritten }.Max() - clickedAt;
        var teamsFloor = WindowFloor(teamsCount, teams.Settings.TenantLimits);
        return
        [
            $"Acknowledge: one notification delivered to all {channels} channels, acknowledged by a click in one Slack channel (the click's answer rewrites that copy); " +
            $"the bot edits the other {slackChannels.Count - 1} Slack copies (`chat.update`) and {teamsCount} Teams copies (activity update). The clock starts at the click.",
            "",
            "| measure | value |",
            "|---|---|",
            $"| copies edited | Slack {edits.Slack} of {slackChannels.Count - 1}, Teams {edits.Teams} of {teamsCount}, clicked copy {(edits.Rewritten ? "rewritten" : "not rewritten")} |",
            $"| clicked copy rewritten (response URL) | {(rewritten - clickedAt).TotalSeconds:F2} s |",
            $"| last Slack edit / last Teams edit | {(lastSlack - clickedAt).TotalSeconds:F2} s / {(lastTeams - clickedAt).TotalSeconds:F2} s |",
            $"| time until every copy shows it | {all.TotalSeconds:F2} s |",
            $"| floor of the edit limits (Teams: {teamsCount} edits, one per conversation, 50 per second per tenant; Slack: the stand-in limits no `chat.update`) | {teamsFloor.TotalSeconds:F2} s |",
            $"| 429 during the acknowledgement (Slack / Teams) | {slack.Calls.Skip(slackEditsBefore).Count(c => c.Status == 429)} / {teams.Calls.Skip(teamsEditsBefore).Count(c => c.Status == 429)} |",
        ];
    }

    /// <summary>Every button of a Block Kit message (actions blocks and section accessories).</summary>
    private static List<JsonElement> Buttons(JsonElement message)
    {
        var buttons = new List<JsonElement>();
        foreach (var block in message.GetProperty("blocks").EnumerateArray())
        {
            if (block.TryGetProperty("elements", out var elements) && block.GetProperty("type").GetString() == "actions")
                buttons.AddRange(elements.EnumerateArray());
            if (block.TryGetProperty("accessory", out var accessory)) buttons.Add(accessory);
        }
        return buttons;
    }

    /// <summary>Resident memory by kind, in MB.</summary>
    public static string Parts((long Anonymous, long File, long Shared) parts) =>
        $"{parts.Anonymous / 1024.0 / 1024.0:F1} / {parts.File / 1024.0 / 1024.0:F1} / {parts.Shared / 1024.0 / 1024.0:F1} MB";

    /// <summary>The first card goes at once, each next one an interval later.</summary>
    private static TimeSpan SlackFloor(int cards) => cards <= 1 ? TimeSpan.Zero : SlackInterval * (cards - 1);

    /// <summary>The earliest time the last of <paramref name="cards"/> can go when no sliding window may hold more than its limit.</summary>
    public static TimeSpan WindowFloor(int cards, IReadOnlyList<(int Limit, TimeSpan Span)> windows)
    {
        var sent = new List<TimeSpan>(cards);
        var at = TimeSpan.Zero;
        for (var n = 0; n < cards; n++)
        {
            foreach (var (limit, span) in windows)
                if (sent.Count >= limit && sent[^limit] + span > at) at = sent[^limit] + span;
            sent.Add(at);
        }
        return sent.Count == 0 ? TimeSpan.Zero : sent[^1];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"bench alarm (\d+) of device")]
    private static partial System.Text.RegularExpressions.Regex AlarmNumber();
}
