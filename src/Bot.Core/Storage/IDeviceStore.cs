using Bot.Core.Devices;

namespace Bot.Core.Storage;

// Ports to storage. Bot.Storage.LiteDb implements them; the "never twice" rules are carried by
// the store (unique keys, compare-and-set), not by read-then-write checks in callers.

public interface IDeviceStore
{
    Task<Device?> FindAsync(string deviceId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Device>> AllAsync(CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Device>> FindBySourceIdentityAsync(SourceIdentity identity, CancellationToken cancellationToken = default);
    /// <summary>Adds or replaces the device. Returns true when it was new.</summary>
    Task<bool> UpsertAsync(Device device, CancellationToken cancellationToken = default);
    /// <summary>Adds or replaces many devices in one transaction (imports). Returns how many were new.</summary>
    Task<int> UpsertManyAsync(IReadOnlyList<Device> devices, CancellationToken cancellationToken = default);
    /// <summary>Removes the device and its mappings. Returns false when there was none.</summary>
    Task<bool> RemoveAsync(string deviceId, CancellationToken cancellationToken = default);
}
