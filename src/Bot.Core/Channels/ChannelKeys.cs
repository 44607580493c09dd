namespace Bot.Core.Channels;

public static class ChannelKeys
{
    public const int MaxExternalIdLength = 256;

    /// <summary>Reads <c>slack:C0123</c> into a channel; null when the platform is unknown or the id empty or odd.</summary>
    public static Channel? Parse(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        var colon = key.IndexOf(':');
        if (colon <= 0) return null;
        var platform = key[..colon].Trim().ToLowerInvariant();
        var id = key[(colon + 1)..].Trim();
        if (!ChatPlatform.IsKnown(platform) || id.Length == 0 || id.Length > MaxExternalIdLength || id.Any(char.IsControl)) return null;
        return new Channel { Platform = platform, ExternalId = id };
    }
}
