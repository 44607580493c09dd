using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Devices;

namespace Bot.Core.Storage;

// Ports to storage. Bot.Storage.LiteDb implements them; the "never twice" rules are carried by
// the store (unique keys, compare-and-set), not by read-then-write checks in callers.

public interface IDeviceStore
{
    Task<Device?> FindAsync(string deviceId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Device>> AllAsync(CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Device>> FindByTencentAsync(string productId, string deviceName, CancellationToken cancellationToken = default);
    /// <summary>Adds or replaces the device. Returns true when it was new.</summary>
    Task<bool> UpsertAsync(Device device, CancellationToken cancellationToken = default);
    /// <summary>Adds or replaces many devices in one transaction (imports). Returns how many were new.</summary>
    Task<int> UpsertManyAsync(IReadOnlyList<Device> devices, CancellationToken cancellationToken = default);
    /// <summary>Removes the device and its mappings. Returns false when there was none.</summary>
    Task<bool> RemoveAsync(string deviceId, CancellationToken cancellationToken = default);
}

public interface IChannelStore
{
    Task<Channel?> FindAsync(string channelKey, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Channel>> AllAsync(CancellationToken cancellationToken = default);
    /// <summary>Adds the channel or refreshes it; null fields of <paramref name="channel"/> keep the stored values.</summary>
    Task<Channel> UpsertAsync(Channel channel, CancellationToken cancellationToken = default);
    /// <summary>Removes the channel and its mappings.</summary>
    Task<bool> RemoveAsync(string channelKey, CancellationToken cancellationToken = default);

    /// <summary>Forgets how to reach the channel proactively (the bot was removed from it); mappings stay.</summary>
    Task<bool> ClearReferenceAsync(string channelKey, CancellationToken cancellationToken = default);
}

public interface IMappingStore
{
    /// <summary>Returns false when the mapping already existed (unique channel + device).</summary>
    Task<bool> MapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default);
    Task<bool> UnmapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default);
    /// <summary>Adds or refreshes the channels and adds the missing mappings, in one transaction (imports). Returns how many mappings were new.</summary>
    Task<int> MapManyAsync(IReadOnlyList<Channel> channels, IReadOnlyList<ChannelDeviceMapping> mappings, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<string>> DevicesOfAsync(string channelKey, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<string>> ChannelsOfAsync(string deviceId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<ChannelDeviceMapping>> AllAsync(CancellationToken cancellationToken = default);
}

public interface ICallStore
{
    /// <summary>Stores a new call together with its first audit line, in one write.</summary>
    Task AddAsync(Call call, CallAuditEntry audit, CancellationToken cancellationToken = default);
    Task<Call?> FindAsync(string callId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically replaces the call with <paramref name="next"/>(current) when its state is one of
    /// <paramref name="from"/>. Two concurrent callers: exactly one gets <c>Applied = true</c>. When applied,
    /// the line <paramref name="audit"/> makes of the new call is stored in the same write.
    /// </summary>
    Task<CallTransition> TryTransitionAsync(string callId, IReadOnlyCollection<CallState> from, Func<Call, Call> next,
        Func<Call, CallAuditEntry>? audit = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Call>> InStateAsync(CallState state, CancellationToken cancellationToken = default);

    /// <summary>Attaches where the call's card was shown (opaque to the Core: an adapter's message reference).</summary>
    Task SetSurfaceRefAsync(string callId, string surfaceRef, CancellationToken cancellationToken = default);

    Task AuditAsync(CallAuditEntry entry, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CallAuditEntry>> AuditLogAsync(int max, CancellationToken cancellationToken = default);
}

/// <summary>Per chat user ISDP identity for the invite's caller fields (else the token's plat_user).</summary>
public interface ICallerStore
{
    Task<IsdpCaller?> FindAsync(string userKey, CancellationToken cancellationToken = default);
    Task<IReadOnlyDictionary<string, IsdpCaller>> AllAsync(CancellationToken cancellationToken = default);
    Task SetAsync(string userKey, IsdpCaller caller, CancellationToken cancellationToken = default);
    Task<bool> RemoveAsync(string userKey, CancellationToken cancellationToken = default);
}

/// <summary>Answers whether storage is reachable, for <c>/readyz</c>.</summary>
public interface IStorageProbe
{
    Task<string?> ProblemAsync(CancellationToken cancellationToken = default);
}
