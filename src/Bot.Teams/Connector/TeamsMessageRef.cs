// Spec: docs/protocols/teams-bot-framework.md: proactive posting from a stored conversation reference, edits in place.
using Bot.Teams.Activities;

namespace Bot.Teams.Connector;

/// <summary>Where a posted message lives: its conversation (a channel thread has its own) and its activity id.</summary>
public sealed record TeamsMessageRef(string ConversationId, string ActivityId)
{
    // Activity ids never contain '|'; conversation ids might one day, so the last '|' separates.
    public override string ToString() => $"{ConversationId}|{ActivityId}";

    public static TeamsMessageRef? Parse(string? value, string? fallbackConversationId)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var bar = value.LastIndexOf('|');
        if (bar < 0) return fallbackConversationId is null ? null : new TeamsMessageRef(fallbackConversationId, value);
        return bar == 0 || bar == value.Length - 1 ? null : new TeamsMessageRef(value[..bar], value[(bar + 1)..]);
    }
}
