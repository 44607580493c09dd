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

    /// <summary>
    /// A line of text; people mentioned in the Core's form (an escalation's notification) become Teams mentions, so Teams
    /// notifies them. With mentions the text is Teams' default format (the <c>&lt;at&gt;</c> tags are markup there), else plain.
    /// </summary>
    public static Activity TextMessage(string text)
    {
        var (written, mentions) = TeamsMentions.Write(text);
        return mentions.Count == 0
            ? new() { Type = Activity.Message, TextFormat = "plain", Text = text }
            : new() { Type = Activity.Message, Text = written, Entities = mentions };
    }
}
