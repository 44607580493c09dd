using System.Collections.Immutable;
using Bot.Core.Channels;
using Bot.Core.Storage;

namespace Bot.Core.Devices;

/// <summary>
/// The devices, channels and mappings held in memory, so answering a command reads no disk. Every write goes
/// through here and is write-through: the store commits first, then the picture changes, so the picture
/// never shows what is not stored. Loaded from the stores on first use.
/// <para>
/// Another replica's writes reach this one through <see cref="ReloadAsync"/> (everything) or
/// <see cref="RefreshDeviceAsync"/> / <see cref="RefreshChannelAsync"/> (one changed device or channel with its
/// mappings), for a listener of the store's change notifications to call.
/// </para>
/// </summary>
public sealed class Inventory(IDeviceStore devices, IMappingStore mappings, IChannelStore channels)
{
    // One write at a time, so the picture changes in the order the store committed.
    private readonly SemaphoreSlim _writes = new(1, 1);
    private volatile InventorySnapshot? _current;

    /// <summary>The current picture; the first call loads it from the stores.</summary>
    public ValueTask<InventorySnapshot> CurrentAsync(CancellationToken cancellationToken = default) =>
        _current is { } current ? ValueTask.FromResult(current) : new ValueTask<InventorySnapshot>(LoadOnceAsync(cancellationToken));

    /// <summary>Reads everything again from the stores (start-up of a replica, or a missed change notification).</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _writes.WaitAsync(cancellationToken);
        try { _current = await ReadAllAsync(cancellationToken); }
        finally { _writes.Release(); }
    }

    /// <summary>Takes one device and its mappings again from the store (changed or removed by another replica).</summary>
    public Task RefreshDeviceAsync(string deviceId, CancellationToken cancellationToken = default) =>
        ChangeAsync(async () =>
        {
            var id = DeviceRules.NormalizeId(deviceId);
            return (await devices.FindAsync(id, cancellationToken), await mappings.ChannelsOfAsync(id, cancellationToken));
        }, (s, found) =>
        {
            var id = DeviceRules.NormalizeId(deviceId);
            var next = s.WithoutDevice(id);
            if (found.Item1 is not { } device) return next;
            next = next with { Devices = next.Devices.SetItem(id, device) };
            foreach (var channelKey in found.Item2) next = next.WithMapping(channelKey, id);
            return next;
        }, cancellationToken);

    /// <summary>Takes one channel and its mappings again from the store (changed or removed by another replica).</summary>
    public Task RefreshChannelAsync(string channelKey, CancellationToken cancellationToken = default) =>
        ChangeAsync(async () => (await channels.FindAsync(channelKey, cancellationToken), await mappings.DevicesOfAsync(channelKey, cancellationToken)),
            (s, found) =>
            {
                var next = s.WithoutChannel(channelKey);
                if (found.Item1 is { } channel) next = next with { Channels = next.Channels.SetItem(channelKey, channel) };
                foreach (var id in found.Item2) next = next.WithMapping(channelKey, id);
                return next;
            }, cancellationToken);

    /// <summary>Adds or replaces the device. Returns true when it was new.</summary>
    public Task<bool> UpsertDeviceAsync(Device device, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => devices.UpsertAsync(device, cancellationToken),
            (s, _) => s with { Devices = s.Devices.SetItem(device.DeviceId, device) }, cancellationToken);

    /// <summary>Adds or replaces many devices in one write (imports). Returns how many were new.</summary>
    public Task<int> UpsertDevicesAsync(IReadOnlyList<Device> many, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => devices.UpsertManyAsync(many, cancellationToken),
            (s, _) => s with { Devices = s.Devices.SetItems(many.Select(d => KeyValuePair.Create(d.DeviceId, d))) }, cancellationToken);

    /// <summary>Removes the device and its mappings. Returns false when there was none.</summary>
    public Task<bool> RemoveDeviceAsync(string deviceId, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => devices.RemoveAsync(deviceId, cancellationToken), (s, _) => s.WithoutDevice(deviceId), cancellationToken);

    /// <summary>Returns false when the mapping already existed.</summary>
    public Task<bool> MapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => mappings.MapAsync(channelKey, deviceId, cancellationToken), (s, _) => s.WithMapping(channelKey, deviceId), cancellationToken);

    public Task<bool> UnmapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => mappings.UnmapAsync(channelKey, deviceId, cancellationToken), (s, _) => s.WithoutMapping(channelKey, deviceId), cancellationToken);

    /// <summary>Adds or refreshes the channels and adds the missing mappings in one write (imports). Returns how many mappings were new.</summary>
    public async Task<int> MapManyAsync(IReadOnlyList<Channel> many, IReadOnlyList<ChannelDeviceMapping> pairs, CancellationToken cancellationToken = default)
    {
        var added = await ChangeAsync(() => mappings.MapManyAsync(many, pairs, cancellationToken),
            (s, _) => pairs.Aggregate(s, (next, m) => next.WithMapping(m.ChannelKey, m.DeviceId)), cancellationToken);
        // The store merged each channel with what it had: take its result rather than guess it.
        foreach (var channel in many) await RefreshChannelRecordAsync(channel.Key, cancellationToken);
        return added;
    }

    /// <summary>
    /// The bot is (still) in the channel: the record is written only when something about it changed (name,
    /// tenant, reference); null fields keep what is known. Most requests change nothing and write nothing.
    /// </summary>
    public async Task<Channel> ChannelSeenAsync(Channel channel, CancellationToken cancellationToken = default)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        if (snapshot.Channels.TryGetValue(channel.Key, out var known) && Merged(channel, known) == known) return known;
        return await ChangeAsync(() => channels.UpsertAsync(channel, cancellationToken),
            (s, stored) => s with { Channels = s.Channels.SetItem(stored.Key, stored) }, cancellationToken);
    }

    /// <summary>Removes the channel and its mappings.</summary>
    public Task<bool> RemoveChannelAsync(string channelKey, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => channels.RemoveAsync(channelKey, cancellationToken), (s, _) => s.WithoutChannel(channelKey), cancellationToken);

    /// <summary>Forgets how to reach the channel proactively (the bot was removed from it); mappings stay.</summary>
    public Task<bool> ClearReferenceAsync(string channelKey, CancellationToken cancellationToken = default) =>
        ChangeAsync(() => channels.ClearReferenceAsync(channelKey, cancellationToken),
            (s, _) => s.Channels.TryGetValue(channelKey, out var c) ? s with { Channels = s.Channels.SetItem(channelKey, c with { Reference = null }) } : s,
            cancellationToken);

    private static Channel Merged(Channel seen, Channel known) => seen with
    {
        Name = seen.Name ?? known.Name,
        TenantId = seen.TenantId ?? known.TenantId,
        Reference = seen.Reference ?? known.Reference,
        UpdatedAt = seen.UpdatedAt ?? known.UpdatedAt,
    };

    private Task RefreshChannelRecordAsync(string channelKey, CancellationToken cancellationToken) =>
        ChangeAsync(() => channels.FindAsync(channelKey, cancellationToken),
            (s, found) => found is null ? s : s with { Channels = s.Channels.SetItem(channelKey, found) }, cancellationToken);

    /// <summary>The store's write first; only once it committed does the picture change.</summary>
    private async Task<T> ChangeAsync<T>(Func<Task<T>> store, Func<InventorySnapshot, T, InventorySnapshot> apply, CancellationToken cancellationToken)
    {
        await CurrentAsync(cancellationToken);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var result = await store();
            _current = apply(_current!, result);
            return result;
        }
        finally { _writes.Release(); }
    }

    private async Task<InventorySnapshot> LoadOnceAsync(CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try { return _current ??= await ReadAllAsync(cancellationToken); }
        finally { _writes.Release(); }
    }

    private async Task<InventorySnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        var allDevices = await devices.AllAsync(cancellationToken);
        var allChannels = await channels.AllAsync(cancellationToken);
        var allMappings = await mappings.AllAsync(cancellationToken);
        return InventorySnapshot.Empty with
        {
            Devices = allDevices.ToImmutableDictionary(d => d.DeviceId, StringComparer.Ordinal),
            Channels = allChannels.ToImmutableDictionary(c => c.Key, StringComparer.Ordinal),
            DevicesByChannel = allMappings.GroupBy(m => m.ChannelKey, StringComparer.Ordinal)
                .ToImmutableDictionary(g => g.Key, g => g.Select(m => m.DeviceId).ToImmutableHashSet(StringComparer.Ordinal), StringComparer.Ordinal),
        };
    }
}
