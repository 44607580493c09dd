using Bot.Core.Storage;
using Bot.Core.Storms;
using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>
/// Storms in PostgreSQL. Folding is one transaction that locks the delivery (so asking again for it gives the same
/// answer) and then the channel's watch of the device (so replicas decide one alarm at a time per device and channel).
/// </summary>
public sealed class PostgresStormStore(PostgresDatabase db) : IStormStore
{
    private const string Columns = StormRow.Columns;

    public Task<StormFold> FoldIntoStormAsync(string deliveryId, string alarmId, string channelKey, string deviceId, DateTimeOffset at, int threshold, TimeSpan window, bool mayFold, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            NpgsqlCommand Command(string sql) => c.Command(sql, t);

            // '' for a delivery without a message, null for none at all.
            var messageRef = await Command("SELECT coalesce(message_ref, '') FROM deliveries WHERE id = @deliveryId FOR UPDATE").With("deliveryId", deliveryId)
                .SingleOrDefaultAsync(r => r.GetStringOrNull(0), cancellationToken);
            if (messageRef is null) return StormFold.OwnCard;
            if (Storm.IsStormRef(messageRef)) return StormFold.Folded;
            var now = Instants.ToStored(at);
            var since = now - (long)window.TotalMilliseconds;
            await Command("INSERT INTO storm_watches (channel_key, device_id) VALUES (@channelKey, @deviceId) ON CONFLICT DO NOTHING")
                .With("channelKey", channelKey).With("deviceId", deviceId).ExecuteAsync(cancellationToken);
            var watch = await Command($"SELECT {StormWatchRow.Columns} FROM storm_watches WHERE channel_key = @channelKey AND device_id = @deviceId FOR UPDATE")
                .With("channelKey", channelKey).With("deviceId", deviceId).SingleAsync(StormWatchRow.Read, cancellationToken);
            var storm = watch.StormId is { } sid
                ? await Command($"SELECT {Columns} FROM storms WHERE id = @sid").With("sid", sid).SingleOrDefaultAsync(StormRow.Read, cancellationToken)
                : null;
            // Folding into a storm not allowed (the channel is behind): an alarm of a storm going on is declined, nothing written.
            if (!mayFold && storm is not null && storm.LatestAt >= since) return StormFold.Declined;
            if (storm is null || storm.LatestAt < since)
            {
                var recent = watch.RecentIds.Zip(watch.RecentAt).Where(r => r.Second >= since).ToList();
                if (recent.Any(r => r.First == alarmId))
                {
                    await SaveWatchAsync(recent, null);
                    return StormFold.OwnCard;
                }
                if (recent.Count < threshold)
                {
                    recent.Add((alarmId, now));
                    await SaveWatchAsync(recent, null);
                    return StormFold.OwnCard;
                }
                // Not allowed to start one: nothing is written (the watch is read again next time).
                if (!mayFold) return StormFold.Declined;
                // The storm holds the alarms that had cards of their own too: its count and its buttons cover them all.
                storm = new StormRow
                {
                    Id = $"{channelKey}|{deviceId}|{alarmId}",
                    ChannelKey = channelKey,
                    DeviceId = deviceId,
                    AlarmIds = recent.Select(r => r.First).ToArray(),
                    FirstAt = recent.Min(r => r.Second),
                    LatestAt = now,
                };
                await SaveWatchAsync([], storm.Id);
            }
            var alarmIds = storm.AlarmIds.Contains(alarmId) ? storm.AlarmIds : [.. storm.AlarmIds, alarmId];
            await Command($"""
                INSERT INTO storms ({Columns}, behind) VALUES (@id, @channelKey, @deviceId, @alarmIds, @firstAt, @latestAt, NULL, 0, 0, DEFAULT, true)
                ON CONFLICT (id) DO UPDATE SET alarm_ids = excluded.alarm_ids, latest_at = greatest(storms.latest_at, excluded.latest_at),
                    behind = cardinality(excluded.alarm_ids) <> storms.shown_count
                """).With("id", storm.Id).With("channelKey", channelKey).With("deviceId", deviceId).With("alarmIds", alarmIds).With("firstAt", storm.FirstAt).With("latestAt", now)
                .ExecuteAsync(cancellationToken);
            await Command("""
                UPDATE deliveries SET state = 'Posted', message_ref = @messageRef, posted_at = @at, attempts = 0, last_error = NULL, needs_refresh = false, due = false
                WHERE id = @deliveryId
                """).With("deliveryId", deliveryId).With("messageRef", Storm.RefOf(storm.Id)).With("at", now).ExecuteAsync(cancellationToken);
            return StormFold.Folded;

            Task SaveWatchAsync(List<(string First, long Second)> recent, string? stormId) =>
                Command("""
                    UPDATE storm_watches SET recent_ids = @ids, recent_at = @ats, storm_id = @stormId WHERE channel_key = @channelKey AND device_id = @deviceId
                    """).With("ids", recent.Select(r => r.First).ToArray()).With("ats", recent.Select(r => r.Second).ToArray()).With("stormId", stormId)
                    .With("channelKey", channelKey).With("deviceId", deviceId).ExecuteAsync(cancellationToken);
        }, cancellationToken);

    // Locks the deliveries first and then the channel's watch, the order storm folding takes, so the two never wait on each other in a ring.
    public Task<int> FoldIntoBacklogAsync(string channelKey, IReadOnlyList<BacklogEntry> entries, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            NpgsqlCommand Command(string sql) => c.Command(sql, t);

            var ids = entries.Select(e => e.DeliveryId).ToArray();
            var pending = (await Command("SELECT id FROM deliveries WHERE id = ANY(@ids) AND state = 'Pending' ORDER BY id FOR UPDATE").With("ids", ids)
                .ListAsync(r => r.GetString(0), cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var folding = entries.Where(e => pending.Remove(e.DeliveryId)).ToList();
            if (folding.Count == 0) return 0;
            var now = Instants.ToStored(at);
            var since = now - (long)window.TotalMilliseconds;
            await Command("INSERT INTO storm_watches (channel_key, device_id) VALUES (@channelKey, '') ON CONFLICT DO NOTHING").With("channelKey", channelKey)
                .ExecuteAsync(cancellationToken);
            var stormId = await Command("SELECT storm_id FROM storm_watches WHERE channel_key = @channelKey AND device_id = '' FOR UPDATE").With("channelKey", channelKey)
                .SingleOrDefaultAsync(r => r.GetStringOrNull(0), cancellationToken);
            var summary = stormId is { } sid
                ? await Command($"SELECT {Columns} FROM storms WHERE id = @sid").With("sid", sid).SingleOrDefaultAsync(StormRow.Read, cancellationToken)
                : null;
            if (summary is not null && summary.LatestAt < since) summary = null;
            var received = folding.Select(e => Instants.ToStored(e.ReceivedAt)).ToList();
            summary ??= new StormRow
            {
                Id = Storm.BacklogIdOf(channelKey, folding[0].AlarmId), ChannelKey = channelKey, FirstAt = received.Min(), LatestAt = received.Max(),
            };
            await Command($"""
                INSERT INTO storms ({Columns}, behind) VALUES (@id, @channelKey, '', @alarmIds, @firstAt, @latestAt, NULL, 0, 0, @deviceIds, true)
                ON CONFLICT (id) DO UPDATE SET alarm_ids = storms.alarm_ids || excluded.alarm_ids, device_ids = storms.device_ids || excluded.device_ids,
                    first_at = least(storms.first_at, excluded.first_at), latest_at = greatest(storms.latest_at, excluded.latest_at),
                    behind = cardinality(storms.alarm_ids) + cardinality(excluded.alarm_ids) <> storms.shown_count
                """)
                .With("id", summary.Id).With("channelKey", channelKey).With("alarmIds", folding.Select(e => e.AlarmId).ToArray()).With("deviceIds", folding.Select(e => e.DeviceId ?? "").ToArray())
                .With("firstAt", received.Min()).With("latestAt", received.Max())
                .ExecuteAsync(cancellationToken);
            await Command("UPDATE storm_watches SET storm_id = @id WHERE channel_key = @channelKey AND device_id = ''").With("id", summary.Id).With("channelKey", channelKey)
                .ExecuteAsync(cancellationToken);
            await Command("""
                UPDATE deliveries SET state = 'Posted', message_ref = @messageRef, posted_at = @at, attempts = 0, last_error = NULL, needs_refresh = false, due = false
                WHERE id = ANY(@ids)
                """).With("ids", folding.Select(e => e.DeliveryId).ToArray()).With("messageRef", Storm.RefOf(summary.Id)).With("at", now).ExecuteAsync(cancellationToken);
            return folding.Count;
        }, cancellationToken);

    // What one replica reads it holds for a while (held_until), so one replica posts each storm card.
    public async Task<IReadOnlyList<Storm>> StormsToShowAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var at = Instants.ToStored(now);
        var rows = await c.Command($"""
            UPDATE storms SET held_until = @until WHERE id IN (
                SELECT id FROM storms WHERE behind AND next_edit_at <= @at AND held_until <= @at FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """).With("at", at).With("until", at + (long)db.Options.ChannelClaim.TotalMilliseconds).ListAsync(StormRow.Read, cancellationToken);
        return rows.OrderBy(r => r.NextEditAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(ToStorm).ToList();
    }

    public async Task MarkStormShownAsync(string stormId, string messageRef, int shownCount, DateTimeOffset nextEditAt, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.Command("""
            UPDATE storms SET message_ref = @messageRef, shown_count = @shownCount, next_edit_at = @nextEditAt, held_until = 0, behind = cardinality(alarm_ids) <> @shownCount
            WHERE id = @stormId
            """).With("stormId", stormId).With("messageRef", messageRef).With("shownCount", shownCount).With("nextEditAt", Instants.ToStored(nextEditAt))
            .ExecuteAsync(cancellationToken);
    }

    public async Task<Storm?> FindStormAsync(string stormId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.Command($"SELECT {Columns} FROM storms WHERE id = @stormId").With("stormId", stormId).SingleOrDefaultAsync(StormRow.Read, cancellationToken);
        return row is null ? null : ToStorm(row);
    }

    private static Storm ToStorm(StormRow s) =>
        new(s.Id, s.ChannelKey, s.DeviceId, s.AlarmIds, Instants.FromStored(s.FirstAt), Instants.FromStored(s.LatestAt), s.MessageRef, s.ShownCount, Instants.FromStored(s.NextEditAt))
        {
            DeviceIds = s.DeviceIds,
        };
}
