// Spec: docs/protocols/teams-bot-framework.md: "Remove the bot's own mention (by the entity's text),
// decode HTML entities, trim".
using System.Net;
using System.Text.RegularExpressions;

namespace Bot.Teams.Activities;

/// <summary>Turns what a person typed in Teams into the command text the Core parses.</summary>
public static partial class ActivityText
{
    /// <summary>
    /// <c>&lt;at&gt;Bot&lt;/at&gt;&amp;nbsp;call aqm0523</c> → <c>call aqm0523</c>. Only the bot's own mention
    /// goes: a mention of a person stays, as their name, so the Core sees what was written.
    /// </summary>
    public static string CommandText(Activity activity)
    {
        var plain = Clean(activity, personMentions: false);
        // oncall names people: there a person's mention becomes <@aadObjectId|name>, the form the Core reads (Slack's).
        return OnCallVerb().IsMatch(plain) ? Clean(activity, personMentions: true) : plain;
    }

    private static string Clean(Activity activity, bool personMentions)
    {
        var text = activity.Text ?? "";
        var botId = activity.Recipient?.Id;
        foreach (var entity in activity.Entities ?? [])
        {
            if (!string.Equals(entity.Type, "mention", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(entity.Text)) continue;
            if (botId is not null && !string.Equals(entity.Mentioned?.Id, botId, StringComparison.OrdinalIgnoreCase))
            {
                if (personMentions && entity.Mentioned is { } person && (person.AadObjectId ?? person.Id) is { Length: > 0 } personId)
                    text = text.Replace(entity.Text, $" <@{personId}|{person.Name ?? AtTag().Replace(entity.Text, m => m.Groups[1].Value)}> ", StringComparison.Ordinal);
                continue;
            }
            text = text.Replace(entity.Text, " ", StringComparison.Ordinal);
        }
        // Other mentions keep their visible name; stray markup (Teams sometimes wraps text in <p>) goes.
        // Both patterns start at '<': text without one (most commands, once the bot's mention is gone) has nothing to strip.
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = AtTag().Replace(text, m => m.Groups[1].Value);
            text = Markup().Replace(text, " ");
        }
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"^(oncall|on-call|值班)(\s|$)", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 200)]
    private static partial Regex OnCallVerb();

    [GeneratedRegex("<at[^>]*>(.*?)</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 200)]
    private static partial Regex AtTag();

    [GeneratedRegex("</?[a-zA-Z][^<>]*>", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex Whitespace();
}
