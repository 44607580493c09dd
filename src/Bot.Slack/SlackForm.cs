// Spec: docs/protocols/slack.md "Requests from Slack": slash commands and interactions are form posts.
using System.Text;

namespace Bot.Slack;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> body read field by field, as <c>QueryHelpers.ParseQuery</c> reads it
/// (names without case, <c>+</c> and <c>%XX</c> decoded as UTF-8, a repeated name's values joined by commas), but
/// without building a dictionary of every field: a command reads a handful of them, and only those are decoded.
/// </summary>
public sealed class SlackForm(string text)
{
    public static SlackForm Of(ReadOnlySpan<byte> body) => new(Encoding.UTF8.GetString(body));

    /// <summary>The field's decoded value; null when the form has no such field.</summary>
    public string? this[string name] => Field(name);

    public string? Field(string name)
    {
        string? found = null;
        var rest = text.AsSpan();
        if (rest.StartsWith('?')) rest = rest[1..];
        while (!rest.IsEmpty)
        {
            var amp = rest.IndexOf('&');
            var pair = amp < 0 ? rest : rest[..amp];
            rest = amp < 0 ? default : rest[(amp + 1)..];
            if (pair.IsEmpty) continue;
            var equals = pair.IndexOf('=');
            var rawName = equals < 0 ? pair : pair[..equals];
            if (!NameIs(rawName, name)) continue;
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            found = found is null ? value : string.Concat(found, ",", value);
        }
        return found;
    }

    private static bool NameIs(ReadOnlySpan<char> raw, string name) =>
        raw.ContainsAny('+', '%') ? string.Equals(Decode(raw), name, StringComparison.OrdinalIgnoreCase) : raw.Equals(name, StringComparison.OrdinalIgnoreCase);

    private static string Decode(ReadOnlySpan<char> raw)
    {
        if (!raw.ContainsAny('+', '%')) return raw.ToString();
        if (!raw.Contains('+')) return Uri.UnescapeDataString(raw);
        Span<char> spaced = raw.Length <= 512 ? stackalloc char[raw.Length] : new char[raw.Length];
        raw.Replace(spaced, '+', ' ');
        return Uri.UnescapeDataString(spaced);
    }
}
