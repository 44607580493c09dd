using Bot.Core.Cards;
using Bot.Core.Text;

namespace Bot.Slack;

/// <summary>A Core answer with the texts of the person it is for, translated to Block Kit where it is sent (written straight to the wire or as a tree).</summary>
public sealed record SlackReply(BotReply Reply, Texts Texts)
{
    public SlackMessage ToMessage() => BlockKit.Translate(Reply, Texts);
}
