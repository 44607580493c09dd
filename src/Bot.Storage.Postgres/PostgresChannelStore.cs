using Bot.Core.Channels;
using Bot.Core.Storage;
using Dapper;
using Npgsql;

namespace Bot.Storage.Postgres;

public sealed class PostgresChannelStore(PostgresDatabase db) : IChannelStore, IMappingStore
{
    private const string Columns = "key, platform, external_id, name, tenant_id, reference, updated_at";

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
        var row = await c.QuerySingleOrDefaultAsync<ChannelRow>(new CommandDefinition($"SELECT {Columns} FROM channels WHERE key = @channelKey", new { channelKey }, t, cancellationToken: cancellationToken));
        return row is null ? null : ToChannel(row);
    }

    public async Task<IReadOnlyList<Channel>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<ChannelRow>(new CommandDefinition($"SELECT {Columns} FROM channels", cancellationToken: cancellationToken))).Select(ToChannel).ToList();
    }

    public async Task<Channel> UpsertAsync(Channel channel, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await MergeAsync(c, null, channel, cancellationToken);
    }

    private static async Task<Channel> MergeAsync(NpgsqlConnection c, NpgsqlTransaction? t, Channel channel, CancellationToken cancellationToken)
    {
        var row = await c.QuerySingleOrDefaultAsync<ChannelRow>(new CommandDefinition(Merge, ToRow(channel), t, cancellationToken: cancellationToken));
        return row is not null ? ToChannel(row) : (await FindAsync(c, t, channel.Key, cancellationToken))!;
    }

    public Task<bool> RemoveAsync(string channelKey, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            await c.ExecuteAsync(new CommandDefinition("DELETE FROM mappings WHERE channel_key = @channelKey", new { channelKey }, t, cancellationToken: cancellationToken));
            return await c.ExecuteAsync(new CommandDefinition("DELETE FROM channels WHERE key = @channelKey", new { channelKey }, t, cancellationToken: cancellationToken)) > 0;
        }, cancellationToken);

    public async Task<bool> ClearReferenceAsync(string channelKey, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("UPDATE channels SET reference = NULL WHERE key = @channelKey AND reference IS NOT NULL", new { channelKey }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> MapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition(AddMapping, new { channelKey, deviceId }, cancellationToken: cancellationToken)) > 0;
    }

    public Task<int> MapManyAsync(IReadOnlyList<Channel> channels, IReadOnlyList<ChannelDeviceMapping> mappings, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            foreach (var channel in channels) await MergeAsync(c, t, channel, cancellationToken);
            var added = 0;
            foreach (var m in mappings)
                added += await c.ExecuteAsync(new CommandDefinition(AddMapping, new { channelKey = m.ChannelKey, deviceId = m.DeviceId }, t, cancellationToken: cancellationToken));
            return added;
        }, cancellationToken);

    public async Task<bool> UnmapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM mappings WHERE channel_key = @channelKey AND device_id = @deviceId", new { channelKey, deviceId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<string>> DevicesOfAsync(string channelKey, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<string>(new CommandDefinition("SELECT device_id FROM mappings WHERE channel_key = @channelKey", new { channelKey }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<string>> ChannelsOfAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<string>(new CommandDefinition("SELECT channel_key FROM mappings WHERE device_id = @deviceId", new { deviceId }, cancellationToken: cancellationToken))).ToList();
    }

    async Task<IReadOnlyList<ChannelDeviceMapping>> IMappingStore.AllAsync(CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<(string, string)>(new CommandDefinition("SELECT channel_key, device_id FROM mappings", cancellationToken: cancellationToken)))
            .Select(m => new ChannelDeviceMapping(m.Item1, m.Item2)).ToList();
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
