using System.Text.Json;
using Bot.Core.Channels;

namespace Bot.Core.Devices;

/// <summary>
/// A JSON file of devices and channel mappings, loaded at start-up. Loading twice changes nothing:
/// devices are upserted, mappings added only when missing. Written through the <see cref="Inventory"/>, so what is
/// loaded is what commands see. A bad entry stops start-up with its position.
/// </summary>
public sealed class DeviceSeed(Inventory inventory, DeviceJson json, ChatPlatforms platforms)
{
    public async Task<(int Devices, int Mappings)> LoadAsync(string path, CancellationToken cancellationToken)
    {
        DeviceSeedFile? file;
        await using (var stream = File.OpenRead(path))
        {
            try { file = await JsonSerializer.DeserializeAsync(stream, json.TypeInfo<DeviceSeedFile>(), cancellationToken); }
            catch (JsonException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
        }
        var seedDevices = file?.Devices ?? [];
        var seedMappings = file?.Mappings ?? [];

        for (var i = 0; i < seedDevices.Count; i++)
        {
            var problems = DeviceRules.Validate(seedDevices[i], json.AlarmSourceField);
            if (problems.Count > 0)
                throw new InvalidDataException($"{path}: devices[{i}].{problems[0].Field} {problems[0].Problem}");
        }
        var known = seedDevices.Select(d => DeviceRules.NormalizeId(d.DeviceId)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < seedMappings.Count; i++)
        {
            if (platforms.ParseKey(seedMappings[i].Channel) is null)
                throw new InvalidDataException($"{path}: mappings[{i}].channel must be platform:id with platform {platforms.Listed()}");
            var deviceId = DeviceRules.NormalizeId(seedMappings[i].Device ?? "");
            if (!known.Contains(deviceId) && !(await inventory.CurrentAsync(cancellationToken)).Devices.ContainsKey(deviceId))
                throw new InvalidDataException($"{path}: mappings[{i}].device {seedMappings[i].Device} is not a known device");
        }

        await inventory.UpsertDevicesAsync(seedDevices.Select(d => d with { DeviceId = DeviceRules.NormalizeId(d.DeviceId) }).ToList(), cancellationToken);
        var seedChannels = seedMappings.Select(m => ChannelKeys.Parse(m.Channel)!).DistinctBy(c => c.Key).ToList();
        var added = await inventory.MapManyAsync(
            seedChannels,
            seedMappings.Select(m => new ChannelDeviceMapping(ChannelKeys.Parse(m.Channel)!.Key, DeviceRules.NormalizeId(m.Device))).ToList(),
            cancellationToken);
        return (seedDevices.Count, added);
    }
}
