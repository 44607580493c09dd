using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Bot.StandIns;

/// <summary>The stand-ins answer JSON nodes; their names are written as given.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class StandInJsonContext : JsonSerializerContext;
