using Bot.Core.Alarms;
using Bot.Core.Channels;
using Dapper;

namespace Bot.Storage.Postgres;

/// <summary>Device silences in PostgreSQL, one row per device; each change is one statement.</summary>
public sealed class PostgresSilenceStore(PostgresDatabase db) : ISilenceStore
{
    private const string Columns = "device_id, since, until, platform, user_id, user_name, channel_key, ended_by_platform, ended_by_id, ended_by_name, announced";

    public async Task<DeviceSilence> SilenceAsync(DeviceSilence silence, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        // A silence still running is extended or shortened, and what came meanwhile still counts from its start.
        var row = await c.QuerySingleAsync<SilenceRow>(new CommandDefinition($"""
            INSERT INTO silences AS s ({Columns}) VALUES (@deviceId, @since, @until, @platform, @userId, @userName, @channelKey, NULL, NULL, NULL, false)
            ON CONFLICT (device_id) DO UPDATE SET
                since = CASE WHEN s.until > excluded.since THEN s.since ELSE excluded.since END,
                until = excluded.until, platform = excluded.platform, user_id = excluded.user_id, user_name = excluded.user_name,
                channel_key = excluded.channel_key, ended_by_platform = NULL, ended_by_id = NULL, ended_by_name = NULL, announced = false, held_until = 0
            RETURNING {Columns}
            """, new
            {
                deviceId = silence.DeviceId, since = Instants.ToStored(silence.Since), until = Instants.ToStored(silence.Until),
                platform = silence.By.Platform, userId = silence.By.Id, userName = silence.By.Name, channelKey = silence.ChannelKey,
            }, cancellationToken: cancellationToken));
        return ToSilence(row);
    }

    public async Task<DeviceSilence?> ActiveAsync(string deviceId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<SilenceRow>(new CommandDefinition($"SELECT {Columns} FROM silences WHERE device_id = @deviceId AND until > @at",
            new { deviceId, at = Instants.ToStored(now) }, cancellationToken: cancellationToken));
        return row is null ? null : ToSilence(row);
    }

    public Task<IReadOnlyList<DeviceSilence>> ActiveListAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ListAsync($"SELECT {Columns} FROM silences WHERE until > @at ORDER BY until", now, cancellationToken);

    public async Task<DeviceSilence?> EndAsync(string deviceId, DateTimeOffset now, ChatUser? by, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<SilenceRow>(new CommandDefinition($"""
            UPDATE silences SET until = @at, ended_by_platform = @platform, ended_by_id = @userId, ended_by_name = @userName
            WHERE device_id = @deviceId AND until > @at RETURNING {Columns}
            """, new { deviceId, at = Instants.ToStored(now), platform = by?.Platform, userId = by?.Id, userName = by?.Name }, cancellationToken: cancellationToken));
        return row is null ? null : ToSilence(row);
    }

    // Held for Storage:Postgres:ChannelClaim: a replica reading at once skips what this one locked or holds.
    public async Task<IReadOnlyList<DeviceSilence>> ClaimEndedAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var at = Instants.ToStored(now);
        return (await c.QueryAsync<SilenceRow>(new CommandDefinition($"""
            UPDATE silences SET held_until = @until WHERE device_id IN (
                SELECT device_id FROM silences WHERE until <= @at AND NOT announced AND held_until <= @at FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """, new { at, until = at + (long)db.Options.ChannelClaim.TotalMilliseconds }, cancellationToken: cancellationToken)))
            .Select(ToSilence).OrderBy(s => s.Until).ToList();
    }

    public async Task<DateTimeOffset?> NextEndAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return Instants.FromStored(await c.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT min(until) FROM silences WHERE until > @at",
            new { at = Instants.ToStored(now) }, cancellationToken: cancellationToken)));
    }

    public async Task MarkAnnouncedAsync(string deviceId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        // Only the silence that was announced: a newer one for the device waits for its own end.
        await c.ExecuteAsync(new CommandDefinition("UPDATE silences SET announced = true WHERE device_id = @deviceId AND until = @until",
            new { deviceId, until = Instants.ToStored(until) }, cancellationToken: cancellationToken));
    }

    private async Task<IReadOnlyList<DeviceSilence>> ListAsync(string sql, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<SilenceRow>(new CommandDefinition(sql, new { at = Instants.ToStored(now) }, cancellationToken: cancellationToken))).Select(ToSilence).ToList();
    }

    private static DeviceSilence ToSilence(SilenceRow d) =>
        new(d.DeviceId, Instants.FromStored(d.Since), Instants.FromStored(d.Until), new ChatUser(d.Platform, d.UserId, d.UserName), d.ChannelKey)
        {
            EndedBy = d.EndedById is null ? null : new ChatUser(d.EndedByPlatform ?? "", d.EndedById, d.EndedByName ?? ""),
            Announced = d.Announced,
        };
}
