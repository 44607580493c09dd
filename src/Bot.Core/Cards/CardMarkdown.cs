using System.Text;

namespace Bot.Core.Cards;

/// <summary>
/// Adaptive Card TextBlocks and facts are markdown to the card renderers (links, emphasis, lists, headings): text a person or a
/// device typed (names, alarm titles and contents, a typed command) is escaped so it shows as typed and never
/// becomes a link. The bot's own words may carry markdown on purpose (the help's <c>`code`</c>).
/// <see cref="Unescape"/> is the exact inverse, for surfaces that do not read markdown (a Block Kit translation, the web chat).
/// </summary>
public static class CardMarkdown
{
    /// <summary>Characters that start markdown (or HTML) anywhere in a line: always escaped, and so is the backslash.</summary>
    private const string Inline = "\\`*_[]<>~#&|";

    /// <summary>Characters that start a block (a list item, a quote) only at the start of a line.</summary>
    private const string LineStart = "-+.)";

    /// <summary>Plain text → markdown that shows it as typed (CommonMark backslash escapes).</summary>
    public static string Escape(string plain)
    {
        if (plain.AsSpan().IndexOfAny(Inline) < 0 && (plain.AsSpan().IndexOfAny(LineStart) < 0 || !HasBlockMarker(plain))) return plain;
        var escaped = new StringBuilder(plain.Length + 8);
        var lineStart = true;   // still only spaces (or an ordered list's digits) since the line began
        var digits = false;
        foreach (var c in plain)
        {
            var blockMarker = lineStart && (c is '-' or '+' && !digits || c is '.' or ')' && digits);
            if (Inline.Contains(c, StringComparison.Ordinal) || blockMarker) escaped.Append('\\');
            escaped.Append(c);
            if (c == '\n') (lineStart, digits) = (true, false);
            else if (char.IsAsciiDigit(c) && lineStart) digits = true;
            else if (c != ' ' || digits) lineStart = false;
        }
        return escaped.ToString();
    }

    // The scan of Escape without writing: whether a '-', '+', '.' or ')' would start a block where it stands. Most
    // text with those (a device label "泵房 (aqm0523)", a time) has none, and is then returned as it is, not copied.
    private static bool HasBlockMarker(string plain)
    {
        var lineStart = true;
        var digits = false;
        for (var i = 0; i < plain.Length; i++)
        {
            var c = plain[i];
            if (lineStart && (c is '-' or '+' && !digits || c is '.' or ')' && digits)) return true;
            if (c == '\n') (lineStart, digits) = (true, false);
            else if (char.IsAsciiDigit(c) && lineStart) digits = true;
            else if (c != ' ' || digits)
            {
                // Nothing further on this line starts a block: on to the next line, if any.
                var next = plain.IndexOf('\n', i + 1);
                if (next < 0) return false;
                (i, lineStart, digits) = (next, true, false);
            }
        }
        return false;
    }

    /// <summary>Markdown made by <see cref="Escape"/> (or the bot's own words) → the text as typed.</summary>
    public static string Unescape(string markdown)
    {
        if (!markdown.Contains('\\', StringComparison.Ordinal)) return markdown;
        var plain = new StringBuilder(markdown.Length);
        for (var i = 0; i < markdown.Length; i++)
        {
            if (markdown[i] == '\\' && i + 1 < markdown.Length && (Inline + LineStart).Contains(markdown[i + 1], StringComparison.Ordinal)) i++;
            plain.Append(markdown[i]);
        }
        return plain.ToString();
    }
}
