using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Core.Devices;

/// <summary>
/// Devices as JSON, source-generated so a native build needs no reflection: the seed file and the admin API's devices.
/// The names follow the serializer options it is used with (web defaults: camelCase); <see cref="DeviceJson"/> renames
/// the alarm source identity.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Device))]
[JsonSerializable(typeof(DeviceSeedFile))]
[JsonSerializable(typeof(IReadOnlyList<Device>))]
[JsonSerializable(typeof(List<Device>))]
[JsonSerializable(typeof(Device[]))]
public sealed partial class DeviceJsonContext : JsonSerializerContext;
