// Spec: docs/protocols/slack.md "Block Kit": the limits Slack enforces (it answers invalid_blocks otherwise).
using System.Text.Json;

namespace Bot.StandIns.Slack;

/// <summary>Checks a message's blocks as Slack does; an empty list means Slack would take them.</summary>
public static class SlackBlockRules
{
    public static IReadOnlyList<string> Problems(JsonElement blocks)
    {
        var problems = new List<string>();
        if (blocks.ValueKind != JsonValueKind.Array) return ["blocks is not an array"];
        if (blocks.GetArrayLength() > 50) problems.Add($"{blocks.GetArrayLength()} blocks (max 50)");
        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var block in blocks.EnumerateArray())
        {
            var at = $"blocks[{i++}]";
            switch (Str(block, "type"))
            {
                case "header":
                    PlainText(block, "text", 150, at, problems);
                    break;
                case "section":
                    var hasText = block.TryGetProperty("text", out var text);
                    var hasFields = block.TryGetProperty("fields", out var fields);
                    if (!hasText && !hasFields) problems.Add($"{at}: section without text or fields");
                    if (hasText) TextObject(text, 3000, at + ".text", problems);
                    if (hasFields)
                    {
                        if (fields.ValueKind != JsonValueKind.Array || fields.GetArrayLength() > 10) problems.Add($"{at}: more than 10 fields");
                        else foreach (var field in fields.EnumerateArray()) TextObject(field, 2000, at + ".fields", problems);
                    }
                    if (block.TryGetProperty("accessory", out var accessory)) Element(accessory, at + ".accessory", actionIds, problems);
                    break;
                case "context":
                    if (!block.TryGetProperty("elements", out var ctx) || ctx.ValueKind != JsonValueKind.Array || ctx.GetArrayLength() is 0 or > 10)
                        problems.Add($"{at}: context needs 1-10 elements");
                    else foreach (var e in ctx.EnumerateArray()) TextObject(e, 3000, at + ".elements", problems);
                    break;
                case "actions":
                    if (!block.TryGetProperty("elements", out var elements) || elements.ValueKind != JsonValueKind.Array || elements.GetArrayLength() is 0 or > 25)
                        problems.Add($"{at}: actions needs 1-25 elements");
                    else foreach (var e in elements.EnumerateArray()) Element(e, at + ".elements", actionIds, problems);
                    break;
                case "divider":
                    break;
                default:
                    problems.Add($"{at}: unknown block type {Str(block, "type")}");
                    break;
            }
        }
        return problems;
    }

    private static void Element(JsonElement element, string at, HashSet<string> actionIds, List<string> problems)
    {
        if (Str(element, "type") == "static_select")
        {
            // Slack's limits of a static select: a plain_text placeholder (150), 1 to 100 options of text (75) and value (150).
            PlainText(element, "placeholder", 150, at, problems);
            if (!element.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Array || options.GetArrayLength() is 0 or > 100)
                problems.Add($"{at}: options missing, empty or more than 100");
            else
                foreach (var option in options.EnumerateArray())
                {
                    PlainText(option, "text", 75, at + ".option", problems);
                    if (Str(option, "value") is not { Length: > 0 and <= 150 }) problems.Add($"{at}.option: value missing or longer than 150");
                }
        }
        else if (Str(element, "type") != "button") { problems.Add($"{at}: unsupported element {Str(element, "type")}"); return; }
        else PlainText(element, "text", 75, at, problems);
        var id = Str(element, "action_id");
        if (id is null || id.Length > 255) problems.Add($"{at}: action_id missing or longer than 255");
        else if (!actionIds.Add(id)) problems.Add($"{at}: action_id {id} is not unique");
        if (Str(element, "value") is { Length: > 2000 }) problems.Add($"{at}: value longer than 2000");
        if (Str(element, "style") is { } style && style is not ("primary" or "danger")) problems.Add($"{at}: style {style}");
    }

    private static void PlainText(JsonElement parent, string name, int max, string at, List<string> problems)
    {
        if (!parent.TryGetProperty(name, out var text) || Str(text, "type") != "plain_text") { problems.Add($"{at}.{name}: not plain_text"); return; }
        TextObject(text, max, $"{at}.{name}", problems);
    }

    private static void TextObject(JsonElement text, int max, string at, List<string> problems)
    {
        if (Str(text, "type") is not ("plain_text" or "mrkdwn")) problems.Add($"{at}: not a text object");
        var value = Str(text, "text");
        if (string.IsNullOrEmpty(value)) problems.Add($"{at}: empty text");
        else if (value.Length > max) problems.Add($"{at}: {value.Length} characters (max {max})");
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
