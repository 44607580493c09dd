using Bot.Core.Devices;
using Bot.Core.Storage;

namespace Bot.Storage.Postgres;

public sealed class PostgresDeviceStore(PostgresDatabase db) : IDeviceStore
{
    private const string Columns = DeviceRow.Columns;

    // xmax = 0 only in a row this statement inserted: how an upsert tells new from replaced, in the same statement.
    private const string Upsert = $"""
        INSERT INTO devices ({Columns}) VALUES (@Id, @IsdpDeviceId, @ChatJid, @Alias, @SourceProductId, @SourceDeviceName, @SourceKey)
        ON CONFLICT (id) DO UPDATE SET isdp_device_id = excluded.isdp_device_id, chat_jid = excluded.chat_jid, alias = excluded.alias,
            source_product_id = excluded.source_product_id, source_device_name = excluded.source_device_name, source_key = excluded.source_key
        RETURNING (xmax = 0)
        """;

    public async Task<Device?> FindAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.Command($"SELECT {Columns} FROM devices WHERE id = @deviceId").With("deviceId", deviceId).SingleOrDefaultAsync(DeviceRow.Read, cancellationToken);
        return row is null ? null : ToDevice(row);
    }

    public async Task<IReadOnlyList<Device>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command($"SELECT {Columns} FROM devices").ListAsync(DeviceRow.Read, cancellationToken)).Select(ToDevice).ToList();
    }

    public async Task<IReadOnlyList<Device>> FindBySourceIdentityAsync(SourceIdentity identity, CancellationToken cancellationToken = default)
    {
        var key = SourceKey(identity.ProductId, identity.DeviceName);
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command($"SELECT {Columns} FROM devices WHERE source_key = @key").With("key", key).ListAsync(DeviceRow.Read, cancellationToken))
            .Select(ToDevice).ToList();
    }

    public async Task<bool> UpsertAsync(Device device, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await ToRow(device).Bind(c.Command(Upsert)).ScalarAsync<bool>(cancellationToken);
    }

    public Task<int> UpsertManyAsync(IReadOnlyList<Device> devices, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            var added = 0;
            foreach (var device in devices)
                if (await ToRow(device).Bind(c.Command(Upsert, t)).ScalarAsync<bool>(cancellationToken)) added++;
            return added;
        }, cancellationToken);

    public Task<bool> RemoveAsync(string deviceId, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            await c.Command("DELETE FROM mappings WHERE device_id = @deviceId", t).With("deviceId", deviceId).ExecuteAsync(cancellationToken);
            return await c.Command("DELETE FROM devices WHERE id = @deviceId", t).With("deviceId", deviceId).ExecuteAsync(cancellationToken) > 0;
        }, cancellationToken);

    private static string? SourceKey(string? productId, string? deviceName) =>
        string.IsNullOrEmpty(productId) || string.IsNullOrEmpty(deviceName) ? null : $"{productId}/{deviceName}";

    private static DeviceRow ToRow(Device d) => new()
    {
        Id = d.DeviceId,
        IsdpDeviceId = d.IsdpDeviceId,
        ChatJid = d.ChatJid,
        Alias = d.Alias,
        SourceProductId = d.AlarmSource?.ProductId,
        SourceDeviceName = d.AlarmSource?.DeviceName,
        SourceKey = SourceKey(d.AlarmSource?.ProductId, d.AlarmSource?.DeviceName),
    };

    private static Device ToDevice(DeviceRow d) => new()
    {
        DeviceId = d.Id,
        IsdpDeviceId = d.IsdpDeviceId,
        ChatJid = d.ChatJid,
        Alias = d.Alias,
        AlarmSource = d.SourceKey is null ? null : new SourceIdentity(d.SourceProductId!, d.SourceDeviceName!),
    };
}
