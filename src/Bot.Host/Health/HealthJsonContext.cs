using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Host.Health;

/// <summary>The health bodies, source-generated (web defaults, as every other HTTP answer of the bot).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthStatusBody))]
[JsonSerializable(typeof(HealthModeBody))]
[JsonSerializable(typeof(ReadinessDetails))]
public sealed partial class HealthJsonContext : JsonSerializerContext;
