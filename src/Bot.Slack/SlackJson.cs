// Spec: docs/protocols/slack.md "Calls to Slack (Web API)": POST {base}/{method}, bearer token, ok:false errors, 429 Retry-After.
using System.Text.Json;

namespace Bot.Slack;

internal static class SlackJson
{
    /// <summary>Chinese stays readable on the wire; JSON-sensitive characters are still escaped.</summary>
    public static readonly JsonSerializerOptions Wire = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static JsonElement? Obj(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;
}
