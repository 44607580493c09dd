using System.Text.RegularExpressions;

namespace Bot.Core.OnCall;

/// <summary>
/// A person named in a command, as <c>&lt;@U0123|bob&gt;</c> (or <c>&lt;@U0123&gt;</c>): the platform's id of the person and
/// their name. Adapters write a mention in this form (one platform escapes mentions so already).
/// </summary>
public static partial class OnCallMention
{
    public static OnCallPerson? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var m = Mention().Match(text.Trim());
        if (!m.Success) return null;
        var id = m.Groups["id"].Value;
        var name = m.Groups["name"].Success && m.Groups["name"].Value.Trim().Length > 0 ? m.Groups["name"].Value.Trim() : id;
        return new OnCallPerson(id, name);
    }

    /// <summary>How a thread reply mentions the person so the platform notifies them (surfaces translate the form into their own mention).</summary>
    public static string Write(OnCallPerson person) => $"<@{person.Id}|{person.Name}>";

    /// <summary>The text with each mention written as <c>@name</c>: for a surface that cannot notify people by mention.</summary>
    public static string ShowNames(string text) => InText().Replace(text, m => "@" + (m.Groups["name"].Success && m.Groups["name"].Value.Trim().Length > 0 ? m.Groups["name"].Value.Trim() : m.Groups["id"].Value));

    [GeneratedRegex(@"<@(?<id>[A-Za-z0-9_\-:.]{1,100})(\|(?<name>[^<>|]{0,100}))?>", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex InText();

    [GeneratedRegex(@"^<@(?<id>[A-Za-z0-9_\-:.]{1,100})(\|(?<name>[^<>|]{0,100}))?>$", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex Mention();
}
