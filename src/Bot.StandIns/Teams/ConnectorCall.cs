using System.Text.Json.Nodes;

namespace Bot.StandIns.Teams;

/// <summary>
/// One request the connector answered. <see cref="ActivityId"/> is the activity created or edited;
/// <see cref="ReplyToId"/> the message a reply answers.
/// </summary>
public sealed record ConnectorCall(
    string Method,
    string Operation,
    string ConversationId,
    string? ActivityId,
    string? ReplyToId,
    string RawTarget,
    string Bearer,
    JsonNode? Body,
    int Status,
    DateTimeOffset At)
{
    /// <summary>The activity sent (a new thread's request wraps it).</summary>
    public JsonNode? Activity => Operation == "create" ? Body?["activity"] : Body;

    /// <summary>The first attachment's card content, when the activity carries one.</summary>
    public JsonNode? Card => Activity?["attachments"]?[0]?["content"];

    /// <summary>The activity's text, when it has one.</summary>
    public string? Text => Activity?["text"] is JsonValue text && text.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The activity's mention entities (<c>type: mention</c>), as sent.</summary>
    public IReadOnlyList<JsonNode> Mentions => Activity?["entities"] is JsonArray entities
        ? [.. entities.Where(e => e?["type"]?.GetValue<string>() == "mention").Select(e => e!)]
        : [];

    /// <summary>The mention entities of the card (<c>msteams.entities</c>), as sent.</summary>
    public IReadOnlyList<JsonNode> CardMentions => Card?["msteams"]?["entities"] is JsonArray entities ? [.. entities.Where(e => e is not null).Select(e => e!)] : [];
}
