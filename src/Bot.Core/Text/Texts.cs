using System.Globalization;

namespace Bot.Core.Text;

/// <summary>The bot's words in one language, and times in the configured zone.</summary>
public sealed class Texts
{
    public static readonly Texts English = new(false, "en");
    public static readonly Texts Chinese = new(true, "zh-Hans");

    private readonly bool _chinese;

    private Texts(bool chinese, string language)
    {
        _chinese = chinese;
        Language = language;
    }

    /// <summary>BCP 47 tag of this language (<c>en</c> or <c>zh-Hans</c>).</summary>
    public string Language { get; }

    public string this[TextId id] => _chinese ? TextCatalog.Entries[id].Zh : TextCatalog.Entries[id].En;

    public string Format(TextId id, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, this[id], args);

    /// <summary>
    /// Picks the language for a locale such as <c>zh-CN</c>, <c>zh-Hans</c>, <c>en-US</c> (the
    /// platform's or the browser's locale of the person). Anything else, or nothing, falls back to the configured default.
    /// </summary>
    public static Texts For(string? locale, string defaultLocale)
    {
        return Pick(locale) ?? Pick(defaultLocale) ?? English;

        static Texts? Pick(string? tag) =>
            string.IsNullOrWhiteSpace(tag) ? null
            : tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese
            : tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English
            : null;
    }
}
