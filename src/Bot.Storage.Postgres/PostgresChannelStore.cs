using Bot.Core.Channels;
using Bot.Core.Storage;
using Npgsql;

namespace Bot.Storage.Postgres;

public sealed class PostgresChannelStore(PostgresDatabase db) : IChannelStore, IMappingStore
{
    private const string Columns = ChannelRow.Columns;

    // Null fields keep the stored values; a refresh that changes nothing writes nothing (and announces nothing).
    private const string Merge = $"""
        INSERT INTO channels ({Columns}) VALUES (@Key, @Platform, @ExternalId, @Name, @TenantId, @Reference, @UpdatedAt)
        ON CONFLICT (key) DO UPDATE SET name = COALESCE(excluded.name, channels.name), tenant_id = COALESCE(excluded.tenant_id, channels.tenant_id),
            reference = COALESCE(excluded.reference, channels.reference), updated_at = COALESCE(excluded.updated_at, channels.updated_at)
        WHERE (channels.name, channels.tenant_id, channels.reference, channels.updated_at) IS DISTINCT FROM
            (COALESCE(excluded.name, channels.name), COALESCE(excluded.tenant_id, channels.tenant_id),
             COALESCE(excluded.reference, channels.reference), COALESCE(excluded.updated_at, channels.updated_at))
        RETURNING {Columns}
        """;

    private const string AddMapping = "INSERT INTO mappings (channel_key, device_id) VALUES (@channelKey, @deviceId) ON CONFLICT DO NOTHING";

    public async Task<Channel?> FindAsync(string channelKey, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await FindAsync(c, null, channelKey, cancellationToken);
    }

    private static async Task<Channel?> FindAsync(NpgsqlConnection c, NpgsqlTransaction? t, string channelKey, CancellationToken cancellationToken)
    {
        var row = await c.Command($"SELECT {Columns} FROM channels WHERE key = @channelKey", t).With("channelKey", channelKey).SingleOrDefaultAsync(ChannelRow.Read, cancellationToken);
        return row is null ? null : ToChannel(row);
    }

    public async Task<IReadOnlyList<Channel>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command($"SELECT {Columns} FROM channels").ListAsync(ChannelRow.Read, cancellationToken)).Select(ToChannel).ToList();
    }

    public async Task<Channel> UpsertAsync(Channel channel, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await MergeAsync(c, null, channel, cancellationToken);
    }

    private static async Task<Channel> MergeAsync(NpgsqlConnection c, NpgsqlTransaction? t, Channel channel, CancellationToken cancellationToken)
    {
        var row = await ToRow(channel).Bind(c.Command(Merge, t)).SingleOrDefaultAsync(ChannelRow.Read, cancellationToken);
        return row is not null ? ToChannel(row) : (await FindAsync(c, t, channel.Key, cancellationToken))!;
    }

    public Task<bool> RemoveAsync(string channelKey, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            await c.Command("DELETE FROM mappings WHERE channel_key = @channelKey", t).With("channelKey", channelKey).ExecuteAsync(cancellationToken);
            return await c.Command("DELETE FROM channels WHERE key = @channelKey", t).With("channelKey", channelKey).ExecuteAsync(cancellationToken) > 0;
        }, cancellationToken);

    public async Task<bool> ClearReferenceAsync(string channelKey, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command("UPDATE channels SET reference = NULL WHERE key = @channelKey AND reference IS NOT NULL").With("channelKey", channelKey).ExecuteAsync(cancellationToken) > 0;
    }

    public async Task<bool> MapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command(AddMapping).With("channelKey", channelKey).With("deviceId", deviceId).ExecuteAsync(cancellationToken) > 0;
    }

    public Task<int> MapManyAsync(IReadOnlyList<Channel> channels, IReadOnlyList<ChannelDeviceMapping> mappings, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            foreach (var channel in channels) await MergeAsync(c, t, channel, cancellationToken);
            var added = 0;
            foreach (var m in mappings)
                added += await c.Command(AddMapping, t).With("channelKey", m.ChannelKey).With("deviceId", m.DeviceId).ExecuteAsync(cancellationToken);
            return added;
        }, cancellationToken);

    public async Task<bool> UnmapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command("DELETE FROM mappings WHERE channel_key = @channelKey AND device_id = @deviceId")
            .With("channelKey", channelKey).With("deviceId", deviceId).ExecuteAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<string>> DevicesOfAsync(string channelKey, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command("SELECT device_id FROM mappings WHERE channel_key = @channelKey").With("channelKey", channelKey).ListAsync(r => r.GetString(0), cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ChannelsOfAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command("SELECT channel_key FROM mappings WHERE device_id = @deviceId").With("deviceId", deviceId).ListAsync(r => r.GetString(0), cancellationToken);
    }

    async Task<IReadOnlyList<ChannelDeviceMapping>> IMappingStore.AllAsync(CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command("SELECT channel_key, device_id FROM mappings").ListAsync(r => new ChannelDeviceMapping(r.GetString(0), r.GetString(1)), cancellationToken);
    }

    private static ChannelRow ToRow(Channel c) => new()
    {
        Key = c.Key,
        Platform = c.Platform,
        ExternalId = c.ExternalId,
        Name = c.Name,
        TenantId = c.TenantId,
        Reference = c.Reference,
        UpdatedAt = Instants.ToStored(c.UpdatedAt),
    };

    private static Channel ToChannel(ChannelRow c) => new()
    {
        Platform = c.Platform,
        ExternalId = c.ExternalId,
        Name = c.Name,
        TenantId = c.TenantId,
        Reference = c.Reference,
        UpdatedAt = Instants.FromStored(c.UpdatedAt),
    };
}
