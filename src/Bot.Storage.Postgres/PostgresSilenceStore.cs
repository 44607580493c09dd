using Bot.Core.Alarms;
using Bot.Core.Channels;

namespace Bot.Storage.Postgres;

/// <summary>Device silences in PostgreSQL, one row per device; each change is one statement.</summary>
public sealed class PostgresSilenceStore(PostgresDatabase db) : ISilenceStore
{
    private const string Columns = SilenceRow.Columns;

    public async Task<DeviceSilence> SilenceAsync(DeviceSilence silence, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        // A silence still running is extended or shortened, and what came meanwhile still counts from its start.
        var row = await c.Command($"""
            INSERT INTO silences AS s ({Columns}) VALUES (@deviceId, @since, @until, @platform, @userId, @userName, @channelKey, NULL, NULL, NULL, false)
            ON CONFLICT (device_id) DO UPDATE SET
                since = CASE WHEN s.until > excluded.since THEN s.since ELSE excluded.since END,
                until = excluded.until, platform = excluded.platform, user_id = excluded.user_id, user_name = excluded.user_name,
                channel_key = excluded.channel_key, ended_by_platform = NULL, ended_by_id = NULL, ended_by_name = NULL, announced = false, held_until = 0
            RETURNING {Columns}
            """)
            .With("deviceId", silence.DeviceId).With("since", Instants.ToStored(silence.Since)).With("until", Instants.ToStored(silence.Until))
            .With("platform", silence.By.Platform).With("userId", silence.By.Id).With("userName", silence.By.Name).With("channelKey", silence.ChannelKey)
            .SingleAsync(SilenceRow.Read, cancellationToken);
        return ToSilence(row);
    }

    public async Task<DeviceSilence?> ActiveAsync(string deviceId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.Command($"SELECT {Columns} FROM silences WHERE device_id = @deviceId AND until > @at")
            .With("deviceId", deviceId).With("at", Instants.ToStored(now)).SingleOrDefaultAsync(SilenceRow.Read, cancellationToken);
        return row is null ? null : ToSilence(row);
    }

    public Task<IReadOnlyList<DeviceSilence>> ActiveListAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ListAsync($"SELECT {Columns} FROM silences WHERE until > @at ORDER BY until", now, cancellationToken);

    public async Task<DeviceSilence?> EndAsync(string deviceId, DateTimeOffset now, ChatUser? by, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.Command($"""
            UPDATE silences SET until = @at, ended_by_platform = @platform, ended_by_id = @userId, ended_by_name = @userName
            WHERE device_id = @deviceId AND until > @at RETURNING {Columns}
            """).With("deviceId", deviceId).With("at", Instants.ToStored(now)).With("platform", by?.Platform).With("userId", by?.Id).With("userName", by?.Name)
            .SingleOrDefaultAsync(SilenceRow.Read, cancellationToken);
        return row is null ? null : ToSilence(row);
    }

    // Held for Storage:Postgres:ChannelClaim: a replica reading at once skips what this one locked or holds.
    public async Task<IReadOnlyList<DeviceSilence>> ClaimEndedAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var at = Instants.ToStored(now);
        return (await c.Command($"""
            UPDATE silences SET held_until = @until WHERE device_id IN (
                SELECT device_id FROM silences WHERE until <= @at AND NOT announced AND held_until <= @at FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """).With("at", at).With("until", at + (long)db.Options.ChannelClaim.TotalMilliseconds).ListAsync(SilenceRow.Read, cancellationToken))
            .Select(ToSilence).OrderBy(s => s.Until).ToList();
    }

    public async Task<DateTimeOffset?> NextEndAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return Instants.FromStored(await c.Command("SELECT min(until) FROM silences WHERE until > @at").With("at", Instants.ToStored(now))
            .ScalarAsync<long?>(cancellationToken));
    }

    public async Task MarkAnnouncedAsync(string deviceId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        // Only the silence that was announced: a newer one for the device waits for its own end.
        await c.Command("UPDATE silences SET announced = true WHERE device_id = @deviceId AND until = @until")
            .With("deviceId", deviceId).With("until", Instants.ToStored(until)).ExecuteAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<DeviceSilence>> ListAsync(string sql, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command(sql).With("at", Instants.ToStored(now)).ListAsync(SilenceRow.Read, cancellationToken)).Select(ToSilence).ToList();
    }

    private static DeviceSilence ToSilence(SilenceRow d) =>
        new(d.DeviceId, Instants.FromStored(d.Since), Instants.FromStored(d.Until), new ChatUser(d.Platform, d.UserId, d.UserName), d.ChannelKey)
        {
            EndedBy = d.EndedById is null ? null : new ChatUser(d.EndedByPlatform ?? "", d.EndedById, d.EndedByName ?? ""),
            Announced = d.Announced,
        };
}
