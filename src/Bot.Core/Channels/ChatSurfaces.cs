namespace Bot.Core.Channels;

/// <summary>Finds the surface for a channel's platform.</summary>
public sealed class ChatSurfaces(IEnumerable<IChatSurface> surfaces)
{
    private readonly Dictionary<string, IChatSurface> _byPlatform = surfaces.ToDictionary(s => s.Platform, StringComparer.Ordinal);

    public IChatSurface? For(string platform) => _byPlatform.GetValueOrDefault(platform);

    public IReadOnlyCollection<string> Platforms => _byPlatform.Keys;
}
