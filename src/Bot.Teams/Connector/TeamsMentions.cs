// Spec: docs/protocols/teams-bot-framework.md, "Mentioning people": the text carries <at>Name</at>, and one mention
// entity per person carries the same text and the person's id and name; Teams notifies the person only with both.
using System.Net;
using System.Text.RegularExpressions;
using Bot.Teams.Activities;

namespace Bot.Teams.Connector;

/// <summary>Turns the Core's mention form (<c>&lt;@id|name&gt;</c>, see <c>OnCallMention</c>) into Teams' own: <c>&lt;at&gt;</c> tags with mention entities.</summary>
public static partial class TeamsMentions
{
    /// <summary>The text with each mention written as <c>&lt;at&gt;Name&lt;/at&gt;</c>, and the entities for them (none: the text as it was).</summary>
    public static (string Text, List<Entity> Entities) Write(string text)
    {
        var entities = new List<Entity>();
        var written = Mention().Replace(text, m =>
        {
            var id = m.Groups["id"].Value;
            var name = m.Groups["name"].Success && m.Groups["name"].Value.Trim().Length > 0 ? m.Groups["name"].Value.Trim() : id;
            // The tag's text is the entity's text, character for character; the name is escaped as the text is XML-like.
            var tag = $"<at>{WebUtility.HtmlEncode(name)}</at>";
            if (!entities.Any(e => e.Mentioned?.Id == id))
                entities.Add(new Entity { Type = "mention", Text = tag, Mentioned = new ChannelAccount { Id = id, Name = name } });
            return tag;
        });
        return (written, entities);
    }

    [GeneratedRegex(@"<@(?<id>[A-Za-z0-9_\-:.]{1,100})(\|(?<name>[^<>|]{0,100}))?>", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex Mention();
}
