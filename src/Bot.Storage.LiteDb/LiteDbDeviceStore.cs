using Bot.Core.Devices;
using Bot.Core.Storage;

namespace Bot.Storage.LiteDb;

public sealed class LiteDbDeviceStore(BotDatabase db) : IDeviceStore
{
    private readonly LiteDB.ILiteCollection<DeviceDocument> _devices = db.Collection<DeviceDocument>(Collections.Devices);
    private readonly LiteDB.ILiteCollection<MappingDocument> _mappings = db.Collection<MappingDocument>(Collections.Mappings);

    public Task<Device?> FindAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_devices.FindById(deviceId) is { } d ? ToDevice(d) : null);

    public Task<IReadOnlyList<Device>> AllAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Device>>(_devices.FindAll().Select(ToDevice).ToList());

    public Task<IReadOnlyList<Device>> FindBySourceIdentityAsync(SourceIdentity identity, CancellationToken cancellationToken = default)
    {
        var key = TencentKey(identity.ProductId, identity.DeviceName);
        return Task.FromResult<IReadOnlyList<Device>>(_devices.Find(d => d.TencentKey == key).Select(ToDevice).ToList());
    }

    public Task<bool> UpsertAsync(Device device, CancellationToken cancellationToken = default) =>
        db.WriteAsync(() => _devices.Upsert(ToDocument(device)));

    public Task<int> UpsertManyAsync(IReadOnlyList<Device> devices, CancellationToken cancellationToken = default) =>
        db.WriteAsync(() => devices.Count(d => _devices.Upsert(ToDocument(d))));

    public Task<bool> RemoveAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        return db.WriteAsync(() =>
        {
            var removed = _devices.Delete(deviceId);
            _mappings.DeleteMany(m => m.DeviceId == deviceId);
            return removed;
        });
    }

    private static string? TencentKey(string? productId, string? deviceName) =>
        string.IsNullOrEmpty(productId) || string.IsNullOrEmpty(deviceName) ? null : $"{productId}/{deviceName}";

    private static DeviceDocument ToDocument(Device d) => new()
    {
        Id = d.DeviceId,
        IsdpDeviceId = d.IsdpDeviceId,
        ChatJid = d.ChatJid,
        Alias = d.Alias,
        TencentProductId = d.AlarmSource?.ProductId,
        TencentDeviceName = d.AlarmSource?.DeviceName,
        TencentKey = TencentKey(d.AlarmSource?.ProductId, d.AlarmSource?.DeviceName),
    };

    private static Device ToDevice(DeviceDocument d) => new()
    {
        DeviceId = d.Id,
        IsdpDeviceId = d.IsdpDeviceId,
        ChatJid = d.ChatJid,
        Alias = d.Alias,
        AlarmSource = d.TencentKey is null ? null : new SourceIdentity(d.TencentProductId!, d.TencentDeviceName!),
    };
}
