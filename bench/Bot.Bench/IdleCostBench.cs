using System.Diagnostics;
using Bot.TencentIot;
using Bot.StandIns.Tencent;
using Bot.Testing;

namespace Bot.Bench;

/// <summary>
/// Idle cost: the bot with 10,000 devices mapped and the Tencent stand-in listing nothing new. Counts the
/// requests that reach the stand-in per category and minute, against the target of one per category per interval.
/// </summary>
public static class IdleCostBench
{
    public static async Task<IReadOnlyList<string>> RunAsync(int devices = 10_000, int channels = 1_000, TimeSpan? interval = null, TimeSpan? window = null)
    {
        var poll = interval ?? TimeSpan.FromSeconds(5);
        var measured = window ?? TimeSpan.FromMinutes(1);
        var folder = Directory.CreateTempSubdirectory("bot-bench-idle-").FullName;
        var seed = Path.Combine(folder, "seed.json");
        await File.WriteAllTextAsync(seed, FootprintBench.SeedJson(devices, channels));

        await using var tencent = await TencentStandIn.StartAsync();
        // Old messages the first poll takes, so the idle polls have a cursor to compare with, as in production.
        for (var i = 0; i < 20; i++)
            tencent.AddMessage(TencentCategory.Device, $"earlier alarm {i}", "before the bench", "BENCHPROD1", $"dev{i:D5}");
        tencent.AddSeedExamples();

        var settings = new Dictionary<string, string> { ["Storage:SeedFile"] = seed, ["Logging:LogLevel:Default"] = "Warning" };
        foreach (var (key, value) in tencent.BotSettings()) settings[key] = value ?? "";
        settings["Tencent:PollInterval"] = poll.ToString();
        await using var bot = await BotProcess.StartAsync(folder, settings, TimeSpan.FromMinutes(5));

        // Let the first poll take the backlog, then count only idle polls.
        await Task.Delay(poll * 2);
        var before = Counts(tencent);
        var clock = Stopwatch.StartNew();
        await Task.Delay(measured);
        var elapsed = clock.Elapsed;
        var after = Counts(tencent);

        var intervals = elapsed / poll;
        var lines = new List<string>
        {
            $"{devices:N0} devices mapped to {channels:N0} channels, nothing new at Tencent; `Tencent:PollInterval` {poll.TotalSeconds:F0} s, measured for {elapsed.TotalSeconds:F0} s ({intervals:F1} intervals).",
            "",
            "| request | calls | per minute | per interval |",
            "|---|---|---|---|",
        };
        foreach (var key in after.Keys.Order())
        {
            var calls = after[key] - before.GetValueOrDefault(key);
            lines.Add($"| {key} | {calls} | {calls / elapsed.TotalMinutes:F1} | {calls / intervals:F2} |");
        }
        var total = after.Values.Sum() - before.Values.Sum();
        lines.Add($"| all | {total} | {total / elapsed.TotalMinutes:F1} | {total / intervals:F2} |");
        lines.Add("");
        lines.Add($"Target: exactly one `AppGetMessages` per category per interval (3 per interval), no sign-in while the token is valid.");
        return lines;
    }

    private static Dictionary<string, int> Counts(TencentStandIn tencent)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["AppGetToken (sign-in)"] = tencent.SignIns };
        foreach (var category in new[] { 1, 2, 3 }) counts[$"AppGetMessages category {category}"] = tencent.Calls("AppGetMessages", category);
        return counts;
    }
}
