// Spec: docs/protocols/slack.md "Requests from Slack": slash commands and interactions are form posts.
using System.Text;

namespace Bot.Slack;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> body read field by field, as <c>QueryHelpers.ParseQuery</c> reads it
/// (names without case, <c>+</c> and <c>%XX</c> decoded as UTF-8, a repeated name's values joined by commas), but
/// without building a dictionary of every field: a command reads a handful of them, and only those are decoded. The
/// body is split into its fields once; each look-up then compares names only.
/// </summary>
public sealed class SlackForm
{
    private readonly string _text;
    private readonly List<FieldAt> _fields;

    private SlackForm(string text)
    {
        _text = text;
        var rest = text.AsSpan();
        var offset = 0;
        if (rest.StartsWith('?'))
        {
            rest = rest[1..];
            offset = 1;
        }
        _fields = new List<FieldAt>(rest.Count('&') + 1);
        while (!rest.IsEmpty)
        {
            var amp = rest.IndexOf('&');
            var pair = amp < 0 ? rest : rest[..amp];
            if (!pair.IsEmpty)
            {
                var equals = pair.IndexOf('=');
                var name = equals < 0 ? pair : pair[..equals];
                _fields.Add(new FieldAt(offset, name.Length, name.ContainsAny('+', '%'),
                    equals < 0 ? -1 : offset + equals + 1, equals < 0 ? 0 : pair.Length - equals - 1));
            }
            if (amp < 0) break;
            rest = rest[(amp + 1)..];
            offset += amp + 1;
        }
    }

    public static SlackForm Of(ReadOnlySpan<byte> body) => new(Encoding.UTF8.GetString(body));

    /// <summary>The field's decoded value; null when the form has no such field.</summary>
    public string? this[string name] => Field(name);

    public string? Field(string name)
    {
        string? found = null;
        foreach (var field in _fields)
        {
            if (!NameIs(field, name)) continue;
            var value = field.ValueStart < 0 ? "" : Decode(_text.AsSpan(field.ValueStart, field.ValueLength));
            found = found is null ? value : string.Concat(found, ",", value);
        }
        return found;
    }

    private bool NameIs(FieldAt field, string name)
    {
        var raw = _text.AsSpan(field.NameStart, field.NameLength);
        if (field.NameEscaped) return string.Equals(Decode(raw), name, StringComparison.OrdinalIgnoreCase);
        return raw.Length == name.Length && raw.Equals(name, StringComparison.OrdinalIgnoreCase);
    }

    private static string Decode(ReadOnlySpan<char> raw)
    {
        if (!raw.ContainsAny('+', '%')) return raw.ToString();
        if (!raw.Contains('+')) return Uri.UnescapeDataString(raw);
        Span<char> spaced = raw.Length <= 512 ? stackalloc char[raw.Length] : new char[raw.Length];
        raw.Replace(spaced, '+', ' ');
        return Uri.UnescapeDataString(spaced);
    }

    /// <summary>Where one field's name and value are in the text (a value start of -1: the field has no <c>=</c>), and whether its name needs decoding.</summary>
    private readonly record struct FieldAt(int NameStart, int NameLength, bool NameEscaped, int ValueStart, int ValueLength);
}
