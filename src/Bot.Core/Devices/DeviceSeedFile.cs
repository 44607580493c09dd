namespace Bot.Core.Devices;

/// <summary>The device seed file: <c>{"devices": [...], "mappings": [...]}</c>.</summary>
public sealed record DeviceSeedFile(IReadOnlyList<Device>? Devices, IReadOnlyList<SeedMapping>? Mappings);

/// <summary><c>{"channel": "platform:C0123", "device": "aqm0523"}</c>.</summary>
public sealed record SeedMapping(string Channel, string Device);
