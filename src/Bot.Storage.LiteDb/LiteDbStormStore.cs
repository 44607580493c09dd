using Bot.Core.Alarms;
using Bot.Core.Storage;
using Bot.Core.Storms;
using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>Storms beside the alarms: folding decides and marks the delivery in one write through the single writer.</summary>
public sealed class LiteDbStormStore : IStormStore
{
    private readonly BotDatabase _db;
    private readonly ILiteCollection<StormDocument> _storms;
    private readonly ILiteCollection<StormWatchDocument> _watches;
    private readonly ILiteCollection<DeliveryDocument> _deliveries;

    public LiteDbStormStore(BotDatabase db)
    {
        _db = db;
        _storms = db.Collection<StormDocument>(Collections.Storms);
        _watches = db.Collection<StormWatchDocument>(Collections.StormWatches);
        _deliveries = db.Collection<DeliveryDocument>(AlarmCollections.Deliveries);
        _storms.EnsureIndex(s => s.Behind);
    }

    public Task<StormFold> FoldIntoStormAsync(string deliveryId, string alarmId, string channelKey, string deviceId, DateTimeOffset at, int threshold, TimeSpan window, bool mayFold, CancellationToken cancellationToken = default) =>
        _db.WriteAsync(() =>
        {
            if (_deliveries.FindById(deliveryId) is not { } delivery) return StormFold.OwnCard;
            if (Storm.IsStormRef(delivery.MessageRef)) return StormFold.Folded;
            var now = Instants.ToStored(at);
            var since = now - (long)window.TotalMilliseconds;
            var watchId = $"{channelKey}|{deviceId}";
            var watch = _watches.FindById(watchId) ?? new StormWatchDocument { Id = watchId };
            var storm = watch.StormId is { } sid ? _storms.FindById(sid) : null;
            // Folding into a storm not allowed (the channel is behind): an alarm of a storm going on is declined, nothing written.
            if (!mayFold && storm is not null && storm.LatestAt >= since) return StormFold.Declined;
            if (storm is null || storm.LatestAt < since)
            {
                storm = null;
                watch.StormId = null;
                watch.Recent.RemoveAll(r => r.At < since);
                if (watch.Recent.Any(r => r.AlarmId == alarmId)) return StormFold.OwnCard;
                if (watch.Recent.Count < threshold)
                {
                    watch.Recent.Add(new StormRecentDocument { AlarmId = alarmId, At = now });
                    _watches.Upsert(watch);
                    return StormFold.OwnCard;
                }
                if (!mayFold) return StormFold.Declined;
                // The storm holds the alarms that had cards of their own too: its count and its buttons cover them all.
                storm = new StormDocument
                {
                    Id = $"{channelKey}|{deviceId}|{alarmId}",
                    ChannelKey = channelKey,
                    DeviceId = deviceId,
                    AlarmIds = watch.Recent.Select(r => r.AlarmId).ToList(),
                    FirstAt = watch.Recent.Min(r => r.At),
                    LatestAt = now,
                };
                watch.Recent.Clear();
                watch.StormId = storm.Id;
                _watches.Upsert(watch);
            }
            if (!storm.AlarmIds.Contains(alarmId)) storm.AlarmIds.Add(alarmId);
            storm.LatestAt = Math.Max(storm.LatestAt, now);
            storm.Behind = storm.AlarmIds.Count != storm.ShownCount;
            _storms.Upsert(storm);
            _deliveries.Update(ShownIn(delivery, storm.Id, now));
            return StormFold.Folded;
        });

    public Task<int> FoldIntoBacklogAsync(string channelKey, IReadOnlyList<BacklogEntry> entries, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken = default) =>
        _db.WriteAsync(() =>
        {
            var now = Instants.ToStored(at);
            var since = now - (long)window.TotalMilliseconds;
            // The channel's watch without a device holds its backlog summary.
            var watchId = $"{channelKey}|";
            var watch = _watches.FindById(watchId) ?? new StormWatchDocument { Id = watchId };
            var summary = watch.StormId is { } sid ? _storms.FindById(sid) : null;
            if (summary is not null && summary.LatestAt < since) summary = null;
            var folded = 0;
            foreach (var entry in entries)
            {
                if (_deliveries.FindById(entry.DeliveryId) is not { } delivery || delivery.State != nameof(DeliveryState.Pending)) continue;
                var received = Instants.ToStored(entry.ReceivedAt);
                summary ??= new StormDocument { Id = Storm.BacklogIdOf(channelKey, entry.AlarmId), ChannelKey = channelKey, DeviceId = "", FirstAt = received, LatestAt = received };
                summary.AlarmIds.Add(entry.AlarmId);
                summary.DeviceIds.Add(entry.DeviceId ?? "");
                summary.FirstAt = Math.Min(summary.FirstAt, received);
                summary.LatestAt = Math.Max(summary.LatestAt, received);
                _deliveries.Update(ShownIn(delivery, summary.Id, now));
                folded++;
            }
            if (summary is null || folded == 0) return 0;
            summary.Behind = summary.AlarmIds.Count != summary.ShownCount;
            _storms.Upsert(summary);
            watch.StormId = summary.Id;
            _watches.Upsert(watch);
            return folded;
        });

    public Task<IReadOnlyList<Storm>> StormsToShowAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var until = Instants.ToStored(now);
        return Task.FromResult<IReadOnlyList<Storm>>(_storms.Find(s => s.Behind).Where(s => s.NextEditAt <= until).Select(ToStorm).ToList());
    }

    public Task MarkStormShownAsync(string stormId, string messageRef, int shownCount, DateTimeOffset nextEditAt, CancellationToken cancellationToken = default) =>
        _db.WriteAsync(() =>
        {
            if (_storms.FindById(stormId) is not { } storm) return;
            storm.MessageRef = messageRef;
            storm.ShownCount = shownCount;
            storm.NextEditAt = Instants.ToStored(nextEditAt);
            storm.Behind = storm.AlarmIds.Count != shownCount;
            _storms.Update(storm);
        });

    public Task<Storm?> FindStormAsync(string stormId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_storms.FindById(stormId) is { } s ? ToStorm(s) : null);

    private static Storm ToStorm(StormDocument s) =>
        new(s.Id, s.ChannelKey, s.DeviceId, s.AlarmIds, Instants.FromStored(s.FirstAt), Instants.FromStored(s.LatestAt), s.MessageRef, s.ShownCount, Instants.FromStored(s.NextEditAt))
        {
            DeviceIds = s.DeviceIds,
        };

    /// <summary>A folded delivery counts as posted: its card is the storm's (or summary's), so the lane never posts it.</summary>
    private static DeliveryDocument ShownIn(DeliveryDocument delivery, string stormId, long now)
    {
        delivery.State = nameof(DeliveryState.Posted);
        delivery.MessageRef = Storm.RefOf(stormId);
        delivery.PostedAt = now;
        delivery.Attempts = 0;
        delivery.LastError = null;
        delivery.NeedsRefresh = false;
        delivery.Due = false;
        return delivery;
    }
}
