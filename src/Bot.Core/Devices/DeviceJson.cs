using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Bot.Core.Devices;

/// <summary>
/// How devices are written in the seed file and the admin API. The alarm source identity
/// (<see cref="Device.AlarmSource"/>) appears under the field name the alarm source chose, given by the host,
/// so files written for that source keep working.
/// </summary>
public sealed class DeviceJson
{
    public DeviceJson(string alarmSourceField)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alarmSourceField);
        AlarmSourceField = alarmSourceField;
        Options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            TypeInfoResolver = DeviceJsonContext.Default.WithAddedModifier(NameFields),
        };
    }

    public string AlarmSourceField { get; }

    /// <summary>Strict reading (unknown fields are errors), comments and trailing commas allowed.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>
    /// A resolver modifier that names <see cref="Device.AlarmSource"/> as <see cref="AlarmSourceField"/> (for other serializer options,
    /// e.g. HTTP responses). The property is found by its type, the one <see cref="SourceIdentity"/> of a device: source-generated
    /// metadata carries no reflection info to find it by its C# name.
    /// </summary>
    public void NameFields(JsonTypeInfo info)
    {
        if (info.Type != typeof(Device)) return;
        foreach (var property in info.Properties)
            if (property.PropertyType == typeof(SourceIdentity))
                property.Name = AlarmSourceField;
    }

    /// <summary>The metadata of <typeparamref name="T"/> under <see cref="Options"/> (strict reading, the source's field name).</summary>
    public JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
