using System.Diagnostics;
using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Storage.LiteDb;
using Microsoft.Extensions.Options;

namespace Bot.Bench;

/// <summary>
/// What durable commits cost: writers storing calls (one write each, as <c>/call</c> does) through the group-commit
/// writer on a real file, once with every batch synced to disk (as the bot runs) and once with syncs stopping at the
/// OS cache (what LiteDB alone did), side by side in one run.
/// </summary>
public static class CommitBench
{
    public static async Task<IReadOnlyList<string>> RunAsync(TimeSpan duration)
    {
        var lines = new List<string>
        {
            $"Each writer stores a new call with its audit line and waits for the commit, again and again, for {duration.TotalSeconds:F0} s.",
            "",
            "| commits | writers | writes/s | p50 ms | p99 ms |",
            "|---|---|---|---|---|",
        };
        foreach (var writers in new[] { 1, 16, 100 })
        foreach (var durable in new[] { true, false })
        {
            var (perSecond, p50, p99) = await MeasureAsync(durable, writers, duration);
            lines.Add($"| {(durable ? "synced to disk (fsync)" : "OS cache only")} | {writers} | {perSecond:F0} | {p50:F2} | {p99:F2} |");
        }
        return lines;
    }

    private static async Task<(double PerSecond, double P50, double P99)> MeasureAsync(bool durable, int writers, TimeSpan duration)
    {
        var folder = Directory.CreateTempSubdirectory("bot-bench-commit-").FullName;
        try
        {
            using var db = new BotDatabase(
                Options.Create(new StorageOptions { LiteDb = $"Filename={Path.Combine(folder, "bot.db")}" }),
                path => durable ? new DurableFileStream(path) : new CachedFileStream(path));
            var store = new LiteDbCallStore(db);
            var latencies = new List<double>[writers];
            var until = Stopwatch.StartNew();
            var next = 0;
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                var mine = latencies[w] = [];
                while (until.Elapsed < duration)
                {
                    var call = NewCall(Interlocked.Increment(ref next));
                    var started = Stopwatch.GetTimestamp();
                    await store.TryAddAsync(call, new CallAuditEntry(call.Id, call.DeviceId, call.ChannelKey, call.RequestedBy.Key, call.RequestedBy.Name, call.CreatedAt, CallEvents.Requested, null));
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            })));
            var all = latencies.SelectMany(l => l).Order().ToList();
            return (all.Count / until.Elapsed.TotalSeconds, all[all.Count / 2], all[(int)(all.Count * 0.99)]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Call NewCall(int n)
    {
        var now = DateTimeOffset.UtcNow;
        return new Call
        {
            Id = $"call{n:D8}", DeviceId = "aqm0523", ChannelKey = "slack:CBENCH", RequestedBy = new ChatUser("slack", "U1", "bench"),
            State = CallState.Pending, CreatedAt = now, ExpiresAt = now.AddMinutes(5),
        };
    }

    /// <summary>The same file without syncs: what a commit cost before they were added.</summary>
    private sealed class CachedFileStream(string path) : DurableFileStream(path, sync: false);
}
