// Spec: docs/protocols/teams-bot-framework.md: dispatch by activity type; message → command text, invoke
// adaptiveCard/action → card verb, conversationUpdate / installationUpdate → conversation reference.
using Bot.Teams.Activities;

namespace Bot.Teams.Endpoint;

/// <summary>What the endpoint answers: nothing (200, empty body) or an invoke response.</summary>
public sealed record TeamsAnswer(int Status, AdaptiveCardInvokeResponse? Invoke = null)
{
    public static readonly TeamsAnswer Empty = new(200);
    public static TeamsAnswer BadRequest => new(400);
}
