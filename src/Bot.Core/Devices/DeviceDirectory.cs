using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Text;

namespace Bot.Core.Devices;

/// <summary>Finds devices the way people name them, within what a channel may reach; reads the in-memory <see cref="Inventory"/>, never the disk.</summary>
public sealed class DeviceDirectory(Inventory inventory)
{
    public sealed record Resolution(Device? Device, BotReply? Refusal, string? AuditEvent);

    public async Task<Device?> FindAsync(string deviceId, CancellationToken cancellationToken) =>
        (await inventory.CurrentAsync(cancellationToken)).Devices.GetValueOrDefault(DeviceRules.NormalizeId(deviceId));

    public async Task<IReadOnlyList<string>> AllIdsAsync(CancellationToken cancellationToken) =>
        (await inventory.CurrentAsync(cancellationToken)).Devices.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The channel's devices, in id order.</summary>
    public async Task<IReadOnlyList<Device>> InChannelAsync(string channelKey, CancellationToken cancellationToken) =>
        InChannel(await inventory.CurrentAsync(cancellationToken), channelKey);

    /// <summary>Whether the device is (still) mapped to the channel: a call is checked again when it is confirmed or retried.</summary>
    public async Task<bool> IsMappedAsync(string deviceId, string channelKey, CancellationToken cancellationToken) =>
        (await inventory.CurrentAsync(cancellationToken)).IsMapped(channelKey, DeviceRules.NormalizeId(deviceId));

    private static List<Device> InChannel(InventorySnapshot snapshot, string channelKey)
    {
        var found = new List<Device>();
        foreach (var id in snapshot.DevicesOf(channelKey))
            if (snapshot.Devices.TryGetValue(id, out var device)) found.Add(device);
        found.Sort((a, b) => string.CompareOrdinal(a.DeviceId, b.DeviceId));
        return found;
    }

    /// <summary>
    /// By id (case-insensitive) or exact alias of one of the channel's devices. A device that exists but is not
    /// mapped here is refused with the channel's own devices; an unknown name gets the nearest of the channel's
    /// ids as a suggestion. Answers name only what the person typed and the channel's own devices: another
    /// channel's devices (their ids, aliases) never show here.
    /// </summary>
    public async Task<Resolution> ResolveInChannelAsync(string query, string channelKey, Texts t, CancellationToken cancellationToken)
    {
        var id = DeviceRules.NormalizeId(query);
        var snapshot = await inventory.CurrentAsync(cancellationToken);
        var here = InChannel(snapshot, channelKey);
        // Aliases are looked up among the channel's devices only: another channel's alias is not even confirmed to exist.
        var device = snapshot.Devices.GetValueOrDefault(id)
            ?? here.FirstOrDefault(d => string.Equals(d.Alias?.Trim(), query.Trim(), StringComparison.OrdinalIgnoreCase));
        // Only a refusal lists the channel's devices: the usual answer does not build the list.
        string HereList() => here.Count == 0 ? t[TextId.NoDevicesHere] : t.Format(TextId.MappedHereList, string.Join(", ", here.Select(d => d.Label())));

        if (device is null)
        {
            var text = t.Format(TextId.UnknownDevice, query);
            var suggestion = Nearest(id, here.Select(d => d.DeviceId));
            if (suggestion is not null) text += " " + t.Format(TextId.DidYouMean, suggestion);
            return new Resolution(null, CardParts.Message($"{text}\n\n{HereList()}"), CallEvents.RefusedUnknownDevice);
        }
        if (!snapshot.IsMapped(channelKey, device.DeviceId))
            // The id as typed, not the device's label: its alias belongs to the channels it is mapped to.
            return new Resolution(null, CardParts.Message($"{t.Format(TextId.NotMappedHere, device.DeviceId)}\n\n{HereList()}"), CallEvents.RefusedNotMapped);
        return new Resolution(device, null, null);
    }

    /// <summary>The closest id within a small edit distance, so a typo gets a "did you mean".</summary>
    public static string? Nearest(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            var distance = EditDistance(typed, candidate);
            if (distance < bestDistance) (best, bestDistance) = (candidate, distance);
        }
        var allowed = Math.Max(1, Math.Min(3, typed.Length / 3));
        return bestDistance <= allowed ? best : null;
    }

    private static int EditDistance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64) return int.MaxValue;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
