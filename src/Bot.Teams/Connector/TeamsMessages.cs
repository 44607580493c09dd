// Spec: docs/protocols/teams-bot-framework.md: proactive posting from a stored conversation reference, edits in place.
using Bot.Core.Cards;
using Bot.Teams.Activities;

namespace Bot.Teams.Connector;

/// <summary>Turns the Core's replies into Teams message activities.</summary>
public static class TeamsMessages
{
    public static Activity CardMessage(BotReply reply) => new()
    {
        Type = Activity.Message,
        Summary = reply.Text,
        Attachments = [new Attachment { ContentType = AdaptiveCard.ContentType, Content = TeamsCard.ToElement(reply.Card) }],
    };

    public static Activity TextMessage(string text) => new() { Type = Activity.Message, TextFormat = "plain", Text = text };
}
