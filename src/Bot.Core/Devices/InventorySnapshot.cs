using System.Collections.Immutable;
using Bot.Core.Channels;

namespace Bot.Core.Devices;

/// <summary>
/// One consistent picture of the devices, the channels and their mappings, never changed once made: readers
/// take the current one without a lock, and a write builds the next from it.
/// </summary>
public sealed record InventorySnapshot(
    ImmutableDictionary<string, Device> Devices,
    ImmutableDictionary<string, Channel> Channels,
    ImmutableDictionary<string, ImmutableHashSet<string>> DevicesByChannel)
{
    public static readonly InventorySnapshot Empty = new(
        ImmutableDictionary.Create<string, Device>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, Channel>(StringComparer.Ordinal),
        ImmutableDictionary.Create<string, ImmutableHashSet<string>>(StringComparer.Ordinal));

    public ImmutableHashSet<string> DevicesOf(string channelKey) =>
        DevicesByChannel.TryGetValue(channelKey, out var ids) ? ids : ImmutableHashSet<string>.Empty;

    public bool IsMapped(string channelKey, string deviceId) => DevicesOf(channelKey).Contains(deviceId);

    public InventorySnapshot WithMapping(string channelKey, string deviceId) =>
        this with { DevicesByChannel = DevicesByChannel.SetItem(channelKey, DevicesOf(channelKey).Add(deviceId)) };

    public InventorySnapshot WithoutMapping(string channelKey, string deviceId) =>
        DevicesOf(channelKey).Remove(deviceId) is { Count: > 0 } rest
            ? this with { DevicesByChannel = DevicesByChannel.SetItem(channelKey, rest) }
            : this with { DevicesByChannel = DevicesByChannel.Remove(channelKey) };

    /// <summary>The device gone with every mapping to it (the store removes them together).</summary>
    public InventorySnapshot WithoutDevice(string deviceId)
    {
        var next = this with { Devices = Devices.Remove(deviceId) };
        foreach (var (channelKey, ids) in DevicesByChannel)
            if (ids.Contains(deviceId)) next = next.WithoutMapping(channelKey, deviceId);
        return next;
    }

    /// <summary>The channel gone with its mappings (the store removes them together).</summary>
    public InventorySnapshot WithoutChannel(string channelKey) =>
        this with { Channels = Channels.Remove(channelKey), DevicesByChannel = DevicesByChannel.Remove(channelKey) };
}
