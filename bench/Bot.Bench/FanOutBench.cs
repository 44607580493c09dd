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
/// Alarm fan-out: messages for devices mapped across channels (Slack and Teams alternating), from the Tencent
/// stand-in to the Slack and Teams stand-ins, which enforce the platforms' published per-channel limits with 429.
/// Reports the time until every card is delivered against the floor those limits allow, the 429s, and peak memory.
/// </summary>
public static class FanOutBench
{
    /// <summary>Slack: chat.postMessage, about one message per second per channel (the stand-in's interval).</summary>
    private static readonly TimeSpan SlackInterval = new SlackStandInSettings().ChannelInterval;

    public static async Task<IReadOnlyList<string>> RunAsync(int messages = 10_000, int devices = 1_000, int channels = 200, TimeSpan? timeout = null)
    {
        var folder = Directory.CreateTempSubdirectory("bot-bench-fanout-").FullName;
        var seed = Path.Combine(folder, "seed.json");
        await File.WriteAllTextAsync(seed, FootprintBench.SeedJson(devices, channels));

        await using var tencent = await TencentStandIn.StartAsync();
        await using var slack = await SlackStandIn.StartAsync();
        await using var teams = await TeamsStandIn.StartAsync();
        // The bot is its own process: it trusts the Teams stand-in's certificate as a root, like a private CA.
        var trust = Path.Combine(folder, "standin-ca.pem");
        await File.WriteAllTextAsync(trust, teams.CertificatePem);

        var settings = new Dictionary<string, string>
        {
            ["Storage:SeedFile"] = seed,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Slack:SigningSecret"] = slack.Settings.SigningSecret,
            ["Slack:BotToken"] = slack.Settings.BotToken,
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl,
            ["Tencent:PollInterval"] = "00:00:01",
            ["SSL_CERT_FILE"] = trust,
            ["SSL_CERT_DIR"] = folder,
        };
        foreach (var (key, value) in tencent.BotSettings()) settings[key] = value ?? "";
        foreach (var (key, value) in teams.BotSettings()) settings[key] = value ?? "";
        await using var bot = await BotProcess.StartAsync(folder, settings, TimeSpan.FromMinutes(5));

        // Teams gives a bot a conversation reference when it is added to a team: do that for every Teams channel.
        using (var toBot = new HttpClient { BaseAddress = bot.BaseAddress })
        {
            for (var c = 1; c < channels; c += 2)
            {
                var id = FootprintBench.ChannelKey(c)["teams:".Length..];
                var place = new TeamsPlace(id, "channel", teams.Settings.TenantId, id, "Bench", $"channel {c}");
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
                {
                    Content = new StringContent(ChannelActivities.ConversationUpdate(teams.ServiceUrl, teams.Settings.AppId, place, TeamsPerson.Alice).ToJsonString(), Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", teams.ChannelToken());
                (await toBot.SendAsync(request)).EnsureSuccessStatusCode();
            }
        }

        var perChannel = new int[channels];
        var tencentCallsBefore = tencent.Calls("AppGetMessages");
        var clock = Stopwatch.StartNew();
        for (var m = 0; m < messages; m++)
        {
            var device = m % devices;
            perChannel[device % channels]++;
            tencent.AddMessage(TencentCategory.Device, $"alarm {m}", $"bench alarm {m} of device {device}", "BENCHPROD1", $"dev{device:D5}");
        }

        var peak = 0L;
        var limit = timeout ?? TimeSpan.FromMinutes(10);
        int slackPosted, teamsPosted;
        while (true)
        {
            slackPosted = slack.Calls.Count(c => c.Method == "chat.postMessage" && c.Status == 200);
            teamsPosted = teams.Calls.Count(c => c.Operation is "create" or "send" && c.Status is 200 or 201);
            peak = Math.Max(peak, bot.ResidentBytes());
            if (slackPosted + teamsPosted >= messages || clock.Elapsed > limit) break;
            await Task.Delay(250);
        }
        var elapsed = clock.Elapsed;
        peak = Math.Max(peak, bot.PeakResidentBytes());

        var slackFloor = Enumerable.Range(0, channels).Where(c => c % 2 == 0).Select(c => SlackFloor(perChannel[c])).DefaultIfEmpty().Max();
        var teamsFloor = Enumerable.Range(0, channels).Where(c => c % 2 == 1).Select(c => WindowFloor(perChannel[c], teams.Settings.ConversationLimits)).DefaultIfEmpty().Max();
        var floor = slackFloor > teamsFloor ? slackFloor : teamsFloor;
        var slack429 = slack.Calls.Count(c => c.Status == 429);
        var delivered = slackPosted + teamsPosted;

        return
        [
            $"{messages:N0} device alarms for {devices:N0} devices mapped across {channels:N0} channels ({channels / 2} Slack, {channels - channels / 2} Teams), " +
            $"{perChannel.Min()}–{perChannel.Max()} cards per channel. Slack stand-in: one `chat.postMessage` per second per channel; " +
            $"Teams stand-in: {string.Join(", ", teams.Settings.ConversationLimits.Select(l => $"{l.Limit} per {l.Span.TotalSeconds:F0} s"))} per conversation. " +
            "The clock starts when the messages appear at Tencent (`Tencent:PollInterval` 1 s).",
            "",
            "| measure | value |",
            "|---|---|",
            $"| cards delivered | {delivered:N0} of {messages:N0}{(delivered < messages ? $" (stopped after {limit.TotalMinutes:F0} min)" : "")} |",
            $"| time until all were delivered | {elapsed.TotalSeconds:F1} s |",
            $"| floor the limits allow (Slack {slackFloor.TotalSeconds:F1} s, Teams {teamsFloor.TotalSeconds:F1} s) | {floor.TotalSeconds:F1} s |",
            $"| ratio to the floor | {elapsed / floor:F2}× |",
            $"| 429 from the Slack stand-in | {slack429} |",
            $"| 429 from the Teams stand-in | {teams.RateLimited} |",
            $"| Tencent `AppGetMessages` calls | {tencent.Calls("AppGetMessages") - tencentCallsBefore} |",
            $"| peak resident memory of the bot | {peak / 1024.0 / 1024.0:F1} MB |",
            "",
            "Target: within 1.2× of the floor, no 429 from the Teams stand-in.",
        ];
    }

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
}
