using Bot.Core.Cards;

namespace Bot.Core.Channels;

/// <summary>
/// Posting into a channel on one platform (Slack, Teams, web chat): what alarm delivery and card
/// updates use. Implementations pace themselves within their platform's limits, retry briefly
/// (e.g. a 429 with Retry-After), and report what is left as transient or permanent.
/// </summary>
public interface IChatSurface
{
    /// <summary>The platform this surface posts to (<see cref="ChatPlatform"/>).</summary>
    string Platform { get; }

    Task<PostOutcome> PostAsync(Channel channel, BotReply reply, CancellationToken cancellationToken);

    /// <summary>Edits a message this surface posted earlier, identified by the <see cref="PostOutcome.Posted.MessageRef"/> it returned.</summary>
    Task<PostOutcome> UpdateAsync(Channel channel, string messageRef, BotReply reply, CancellationToken cancellationToken);
}

public abstract record PostOutcome
{
    private PostOutcome() { }

    /// <summary>Done; <paramref name="MessageRef"/> identifies the message for later edits (opaque outside its surface).</summary>
    public sealed record Posted(string MessageRef) : PostOutcome;

    /// <summary>Worth trying again later (rate limit, 5xx, timeout); <paramref name="RetryAfter"/> when the platform said.</summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter = null) : PostOutcome;

    /// <summary>Will not work without a person changing something (channel gone, bot removed, bad credentials).</summary>
    public sealed record Permanent(string Reason) : PostOutcome;
}

/// <summary>Finds the surface for a channel's platform.</summary>
public sealed class ChatSurfaces(IEnumerable<IChatSurface> surfaces)
{
    private readonly Dictionary<string, IChatSurface> _byPlatform = surfaces.ToDictionary(s => s.Platform, StringComparer.Ordinal);

    public IChatSurface? For(string platform) => _byPlatform.GetValueOrDefault(platform);

    public IReadOnlyCollection<string> Platforms => _byPlatform.Keys;
}
