using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Bot.TencentIot;
using Bot.StandIns.Slack;
using Bot.StandIns.Teams;
using Bot.StandIns.Tencent;
using Bot.Testing;

namespace Bot.Bench;

/// <summary>
/// An alarm storm: 10,000 alarms of 1,000 devices in 200 channels (Slack and Teams alternating, as in the fan-out)
/// arriving at Tencent spread over one minute. For every alarm, the time from its arrival at Tencent until it is visible
/// in its channel: its own card posted, or a storm card or backlog summary posted or edited with a count that covers it
/// (read from what the stand-ins took and when). Run with folding (storms and backlog summaries, the defaults) and
/// without, one after the other.
/// </summary>
public static class StormBench
{
    /// <summary>The queues cut at a minute of each channel's pace (the default before it was 10 s), beside the default.</summary>
    private static readonly TimeSpan MinuteClear = TimeSpan.FromMinutes(1);
    /// <summary>The product's default (<c>Alarms:Backlog:ClearWithin</c>), so the first column measures what an operator gets.</summary>
    private static readonly TimeSpan DefaultClearWithin = new Bot.Core.Storms.BacklogOptions().ClearWithin;

    /// <summary>The columns, by the name <c>storm --only NAME</c> runs alone.</summary>
    public static readonly IReadOnlyList<string> Columns = ["defaults", "minute", "without"];

    public static async Task<IReadOnlyList<string>> RunAsync(int messages = 10_000, int devices = 1_000, int channels = 200, TimeSpan? spread = null, string? only = null)
    {
        if (only is not null && !Columns.Contains(only)) throw new ArgumentException($"--only takes one of {string.Join(", ", Columns)}");
        var over = spread ?? TimeSpan.FromMinutes(1);
        // One column alone costs a third of the time (each is about two minutes); the others show as not run.
        async Task<List<(string Measure, string Value)>?> Column(string name, Func<Task<List<(string Measure, string Value)>>> run) =>
            only is null || only == name ? await run() : null;
        var folding = await Column("defaults", () => RunOnceAsync(messages, devices, channels, over, fold: true));
        var minute = await Column("minute", () => RunOnceAsync(messages, devices, channels, over, fold: true, clearWithin: MinuteClear));
        var queueing = await Column("without", () => RunOnceAsync(messages, devices, channels, over, fold: false));
        var measures = (folding ?? minute ?? queueing)!.Select(r => r.Measure).ToList();
        static string Cell(List<(string Measure, string Value)>? column, int row) => column is null ? "not run" : column[row].Value;
        return
        [
            $"{messages:N0} device alarms of {devices:N0} devices in {channels:N0} channels ({channels / 2} Slack, {channels - channels / 2} Teams in one tenant; " +
            $"{messages / channels} per channel, {messages / devices} per device), added to the Tencent stand-in evenly over {over.TotalSeconds:F0} s " +
            "(`Tencent:PollInterval` 1 s). An alarm is visible when its own card is posted, or when a storm card or backlog summary is posted or " +
            "edited with a count that covers it (a storm's count covers its device's first 5 alarms, then the ones that joined it; " +
            "a rise in a count, storm or summary, is given to the device's oldest alarms that arrived by then, are not visible yet and never got a card of their own). " +
            "Folding: storms (5 per device in 10 min, edits every 5 s) and backlog summaries at their defaults; " +
            $"the middle column cuts each channel's queue at {MinuteClear.TotalSeconds:F0} s of its pace instead of {DefaultClearWithin.TotalSeconds:F0} s (`Alarms:Backlog:ClearWithin`); " +
            "without: both switched off. Store: LiteDB, durable (fsync) commits.",
            "",
            $"| measure | with folding (defaults) | with folding, `ClearWithin` {MinuteClear.TotalSeconds:F0} s | without folding |",
            "|---|---|---|---|",
            .. measures.Select((measure, row) => $"| {measure} | {Cell(folding, row)} | {Cell(minute, row)} | {Cell(queueing, row)} |"),
            "",
            "Target: with folding, p99 under 15 s and no 429.",
        ];
    }

    private static async Task<List<(string Measure, string Value)>> RunOnceAsync(int messages, int devices, int channels, TimeSpan over, bool fold, TimeSpan? clearWithin = null)
    {
        var folder = Directory.CreateTempSubdirectory("bot-bench-storm-").FullName;
        await using var tencent = await TencentStandIn.StartAsync();
        await using var slack = await SlackStandIn.StartAsync();
        await using var teams = await TeamsStandIn.StartAsync();
        var settings = await AlarmScenario.SettingsAsync(folder, devices, channels, tencent, slack, teams);
        settings["Bot:DefaultLocale"] = "en-US";
        settings["Alarms:Storms:Enabled"] = fold ? "true" : "false";
        settings["Alarms:Backlog:Enabled"] = fold ? "true" : "false";
        settings["Alarms:Backlog:ClearWithin"] = (clearWithin ?? DefaultClearWithin).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        AlarmScenario.ApplyKnobs(settings);
        await using var bot = await BotProcess.StartAsync(folder, settings, TimeSpan.FromMinutes(5));

        await AlarmScenario.JoinTeamsChannelsAsync(bot.BaseAddress, teams, channels);

        // The alarms arrive evenly over the spread, not all at once.
        var arrived = new DateTimeOffset[messages];
        var byDevice = Enumerable.Range(0, devices).Select(_ => new List<int>()).ToArray();
        var clock = Stopwatch.StartNew();
        for (var m = 0; m < messages; m++)
        {
            var due = over * m / messages;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var device = m % devices;
            byDevice[device].Add(m);
            arrived[m] = DateTimeOffset.UtcNow;
            tencent.AddMessage(TencentCategory.Device, $"alarm {m}", $"bench alarm {m} of device {device}", "BENCHPROD1", $"dev{device:D5}");
        }

        // Everything the stand-ins took, until the cards stop coming (15 s without one after the load) or the limit.
        var limit = TimeSpan.FromMinutes(6);
        var calls = new List<(DateTimeOffset At, string Text)>();
        var seen = (Slack: 0, Teams: 0);
        var lastCard = clock.Elapsed;
        while (clock.Elapsed < limit && (clock.Elapsed < over + TimeSpan.FromSeconds(15) || clock.Elapsed - lastCard < TimeSpan.FromSeconds(15)))
        {
            var slackCalls = slack.Calls;
            var teamsCalls = teams.Calls;
            var fresh = slackCalls.Skip(seen.Slack).Where(c => c.Method is "chat.postMessage" or "chat.update" && c.Status == 200).Select(c => (c.At, Text: c.Body))
                .Concat(teamsCalls.Skip(seen.Teams).Where(c => c.Operation is "create" or "send" or "update" && c.Status is 200 or 201).Select(c => (c.At, Text: c.Body?.ToJsonString() ?? "")))
                .Where(c => StormVisibility.IsCard(c.Text)).ToList();
            seen = (slackCalls.Count, teamsCalls.Count);
            if (fresh.Count > 0) lastCard = clock.Elapsed;
            calls.AddRange(fresh);
            await Task.Delay(250);
        }
        var replay = new StormVisibility(arrived, byDevice, new Bot.Core.Storms.StormOptions().Threshold);
        replay.Replay(calls);
        var (visible, kinds) = (replay.Visible, replay.Kinds);

        // The bot's warnings (cards left behind, lanes that failed) beside its store, for a look after the run.
        await File.WriteAllTextAsync(Path.Combine(folder, "bot-output.txt"), bot.Output);
        Console.Error.WriteLine($"storm bench ({(fold ? "folding" : "without")}): the bot's output and store are in {folder}");
        double[] Waits(Func<int, bool> which) =>
            Enumerable.Range(0, messages).Where(m => visible[m] is not null && which(m)).Select(m => (visible[m]!.Value - arrived[m]).TotalSeconds).Order().ToArray();
        static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        var waits = Waits(_ => true);
        double Pct(double p) => Percentile(waits, p);
        // Device m % devices is in channel (m % devices) % channels: even channels are Slack, odd ones Teams.
        var slackWaits = Waits(m => m % devices % channels % 2 == 0);
        var teamsWaits = Waits(m => m % devices % channels % 2 == 1);
        // Where each platform's tail comes from: the p99 of the alarms made visible by each kind of card, with how many.
        string ByKind(int platform) => string.Join(" · ", Enum.GetValues<Seen>().Skip(1).Select(kind =>
        {
            var some = Waits(m => m % devices % channels % 2 == platform && kinds[m] == kind);
            return $"{kind.ToString().ToLowerInvariant()} {Percentile(some, 0.99):F1} s ({some.Length:N0})";
        }));
        string NotVisible()
        {
            var missing = Enumerable.Range(0, messages).Where(m => visible[m] is null).ToList();
            if (missing.Count == 0) return "none";
            var byPlace = missing.CountBy(m => m / devices).OrderBy(g => g.Key).Select(g => $"#{g.Key + 1}: {g.Value}");
            return $"{missing.Count(m => m % devices % channels % 2 == 0)} / {missing.Count(m => m % devices % channels % 2 == 1)} ({string.Join(", ", byPlace)})";
        }
        var slackPosts = slack.Calls.Count(c => c.Method == "chat.postMessage" && c.Status == 200);
        var teamsPosts = teams.Calls.Count(c => c.Operation is "create" or "send" && c.Status is 200 or 201);
        var slackEdits = slack.Calls.Count(c => c.Method == "chat.update" && c.Status == 200);
        var teamsEdits = teams.Calls.Count(c => c.Operation == "update" && c.Status == 200);
        return
        [
            ("alarms visible", $"{waits.Length:N0} of {messages:N0}"),
            ("arrival → visible p50 / p95 / p99 / max", $"{Pct(0.50):F1} / {Pct(0.95):F1} / {Pct(0.99):F1} / {(waits.Length == 0 ? double.NaN : waits[^1]):F1} s"),
            ("p99 in Slack / Teams channels", $"{Percentile(slackWaits, 0.99):F1} / {Percentile(teamsWaits, 0.99):F1} s"),
            ("never visible (Slack / Teams; by the alarm's place in its device's ten)", NotVisible()),
            ("Slack p99 by what showed it (alarms)", ByKind(0)),
            ("Teams p99 by what showed it (alarms)", ByKind(1)),
            ("cards posted (Slack + Teams)", $"{slackPosts + teamsPosts:N0} ({slackPosts:N0} + {teamsPosts:N0})"),
            ("storm and summary cards posted", $"{StormPosts(slack, teams):N0}"),
            ("edits (Slack + Teams)", $"{slackEdits + teamsEdits:N0} ({slackEdits:N0} + {teamsEdits:N0})"),
            ("429 from the Slack / Teams stand-in", $"{slack.Calls.Count(c => c.Status == 429)} / {teams.RateLimited}"),
            ("peak resident memory of the bot", $"{bot.PeakResidentBytes() / 1024.0 / 1024.0:F1} MB"),
        ];
    }

    private static int StormPosts(SlackStandIn slack, TeamsStandIn teams) =>
        slack.Calls.Where(c => c.Method == "chat.postMessage" && c.Status == 200).Select(c => c.Body)
            .Concat(teams.Calls.Where(c => c.Operation is "create" or "send" && c.Status is 200 or 201).Select(c => c.Body?.ToJsonString() ?? ""))
            .Count(StormVisibility.IsFolded);
}
