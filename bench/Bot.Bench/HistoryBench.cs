using System.Diagnostics;
using Bot.Core.Alarms;
using Bot.Storage.LiteDb;
using Microsoft.Extensions.Options;

namespace Bot.Bench;

/// <summary>
/// What one dispatcher pass costs in a channel with a long history: 100,000 cards posted long ago and one new alarm
/// due. A pass is what the dispatcher reads when it looks for work: the channels with something due, then the
/// channel's due deliveries (<see cref="AlarmDispatcher.LaneBatch"/> at most).
/// </summary>
public static class HistoryBench
{
    private const string Channel = "slack:CHISTORY";

    public static async Task<IReadOnlyList<string>> RunAsync(int history = 100_000, TimeSpan? budget = null)
    {
        var folder = Directory.CreateTempSubdirectory("bot-bench-history-").FullName;
        try
        {
            var now = DateTimeOffset.UtcNow;
            using var db = new BotDatabase(Options.Create(new StorageOptions { LiteDb = $"Filename={Path.Combine(folder, "bot.db")}" }));
            var store = new LiteDbAlarmStore(db);
            var clock = Stopwatch.StartNew();
            await SeedHistoryAsync(db, history, now - TimeSpan.FromDays(30));
            var seeding = clock.Elapsed;
            await store.TakeAsync("bench", [NewAlarm("new", now)], "new", now);

            // Warm up, then as many passes as fit in the budget (at least 5).
            for (var i = 0; i < 2; i++) await PassAsync(store, now);
            var times = new List<double>();
            clock.Restart();
            while (times.Count < 5 || (clock.Elapsed < (budget ?? TimeSpan.FromSeconds(5)) && times.Count < 10_000))
            {
                var pass = Stopwatch.StartNew();
                var found = await PassAsync(store, now);
                times.Add(pass.Elapsed.TotalMilliseconds);
                if (found != 1) throw new InvalidOperationException($"A pass found {found} due deliveries instead of 1.");
            }
            times.Sort();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            await PassAsync(store, now);
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            return
            [
                $"{history:N0} posted deliveries in one channel (seeded in {seeding.TotalSeconds:F1} s) and 1 due; {times.Count:N0} passes.",
                "",
                "| measure | value |",
                "|---|---|",
                $"| pass (channels with due work + the channel's due read), median | {Percentile(times, 0.5):F3} ms |",
                $"| pass, 95th percentile | {Percentile(times, 0.95):F3} ms |",
                $"| allocated by one pass (this thread) | {allocated / 1024.0:F1} KB |",
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> PassAsync(LiteDbAlarmStore store, DateTimeOffset now)
    {
        var found = 0;
        foreach (var channel in await store.ChannelsWithDueAsync(now))
            found += (await store.DueInChannelAsync(channel, now, AlarmDispatcher.LaneBatch)).Count;
        return found;
    }

    /// <summary>Deliveries as the dispatcher leaves them once posted (their alarms are not needed by the read).</summary>
    private static async Task SeedHistoryAsync(BotDatabase db, int history, DateTimeOffset postedAt)
    {
        var deliveries = db.Collection<DeliveryDocument>(AlarmCollections.Deliveries);
        const int chunk = 10_000;
        for (var from = 0; from < history; from += chunk)
        {
            var start = from;
            await db.WriteAsync(() => deliveries.InsertBulk(Enumerable.Range(start, Math.Min(chunk, history - start)).Select(i => new DeliveryDocument
            {
                Id = AlarmDelivery.IdOf($"old{i}", Channel),
                AlarmId = $"old{i}",
                ChannelKey = Channel,
                Seq = i + 1,
                State = nameof(DeliveryState.Posted),
                Due = false,
                NextAttemptAt = postedAt.ToUnixTimeMilliseconds(),
                PostedAt = postedAt.ToUnixTimeMilliseconds(),
                MessageRef = $"C|{i}",
            })));
        }
    }

    private static NewAlarm NewAlarm(string id, DateTimeOffset at) =>
        new(new IncomingAlarm { Id = id, Source = "bench", Category = AlarmCategory.Device, At = at, Title = "new" }, null, [Channel]);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
