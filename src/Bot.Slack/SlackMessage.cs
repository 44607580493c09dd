// Spec: docs/protocols/slack.md "Block Kit" and adaptive-cards.md: Slack gets a translation of every card.
using System.Text.Json.Nodes;

namespace Bot.Slack;

/// <summary>A Slack message: the fallback <see cref="Text"/> (always present) and its blocks.</summary>
public sealed record SlackMessage(string Text, JsonArray Blocks)
{
    /// <summary>The message as a JSON object, with extra members (channel, ts, replace_original, …) first.</summary>
    public JsonObject ToJson(params (string Name, JsonNode? Value)[] extra)
    {
        var json = new JsonObject();
        foreach (var (name, value) in extra) json[name] = value;
        json["text"] = Text;
        json["blocks"] = Blocks.DeepClone();
        return json;
    }
}
