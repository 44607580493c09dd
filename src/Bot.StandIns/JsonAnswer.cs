using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Bot.StandIns;

/// <summary>A stand-in's JSON answer, written as built (JSON nodes, through source-generated metadata: no reflection).</summary>
internal static class JsonAnswer
{
    public static IResult Of(JsonNode node, int? statusCode = null) =>
        Results.Json(node, StandInJsonContext.Default.JsonNode, statusCode: statusCode);
}
