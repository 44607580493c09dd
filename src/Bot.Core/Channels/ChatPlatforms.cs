namespace Bot.Core.Channels;

/// <summary>
/// The platforms the adapters registered (<see cref="KnownPlatform"/>): what channel keys and user keys given by
/// people (admin API, seed file, settings) are checked against.
/// </summary>
public sealed class ChatPlatforms(IEnumerable<KnownPlatform> registered)
{
    public IReadOnlyList<string> Names { get; } = registered.Select(p => p.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public bool IsKnown(string? platform) => platform is not null && Names.Contains(platform, StringComparer.Ordinal);

    /// <summary>A channel key naming a registered platform; null otherwise (see <see cref="ChannelKeys.Parse"/>).</summary>
    public Channel? ParseKey(string? key) => ChannelKeys.Parse(key) is { } channel && IsKnown(channel.Platform) ? channel : null;

    /// <summary>For error messages: <c>a, b or c</c>.</summary>
    public string Listed() => Names.Count switch
    {
        0 => "(none registered)",
        1 => Names[0],
        _ => $"{string.Join(", ", Names.Take(Names.Count - 1))} or {Names[^1]}",
    };
}
