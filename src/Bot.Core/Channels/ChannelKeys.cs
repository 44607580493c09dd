namespace Bot.Core.Channels;

public static class ChannelKeys
{
    public const int MaxExternalIdLength = 256;

    /// <summary>
    /// Reads <c>platform:C0123</c> into a channel: a platform word (letters and digits, folded to lower case) and an id.
    /// Null when the form is wrong or the id empty or odd. Whether the platform is one the bot speaks is
    /// <see cref="ChatPlatforms.ParseKey"/>'s question.
    /// </summary>
    public static Channel? Parse(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        var colon = key.IndexOf(':');
        if (colon <= 0) return null;
        var platform = key[..colon].Trim().ToLowerInvariant();
        var id = key[(colon + 1)..].Trim();
        if (platform.Length == 0 || !platform.All(char.IsAsciiLetterOrDigit)) return null;
        if (id.Length == 0 || id.Length > MaxExternalIdLength || id.Any(char.IsControl)) return null;
        return new Channel { Platform = platform, ExternalId = id };
    }
}
