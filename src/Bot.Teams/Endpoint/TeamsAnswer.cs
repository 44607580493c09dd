// Spec: shared/specs/teams-bot-framework.md: dispatch by activity type; message → command text, invoke
// adaptiveCard/action → card verb, conversationUpdate / installationUpdate → conversation reference.
using System.Text.Json;
using Bot.Core;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Text;
using Bot.Teams.Activities;
using Bot.Teams.Connector;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Teams.Endpoint;

/// <summary>What the endpoint answers: nothing (200, empty body) or an invoke response.</summary>
public sealed record TeamsAnswer(int Status, AdaptiveCardInvokeResponse? Invoke = null)
{
    public static readonly TeamsAnswer Empty = new(200);
    public static TeamsAnswer BadRequest => new(400);
}
