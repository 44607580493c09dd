using Bot.Core.Cards;

namespace Bot.Core.Channels;

/// <summary>
/// Posting into a channel on one platform: what alarm delivery and card
/// updates use. Implementations pace themselves within their platform's limits, retry briefly
/// (e.g. a 429 with Retry-After), and report what is left as transient or permanent.
/// </summary>
public interface IChatSurface
{
    /// <summary>The platform this surface posts to (registered as a <see cref="KnownPlatform"/>).</summary>
    string Platform { get; }

    /// <summary>
    /// How many cards the platform lets the bot post into one channel per minute, when the surface knows (null: it does not
    /// say). A channel whose queue is longer than this clears in <c>Alarms:Backlog:ClearWithin</c> gets a backlog summary.
    /// </summary>
    int? CardsPerMinute => null;

    /// <summary>
    /// The channels the platform paces together with <paramref name="channel"/>, as one key: with several replicas one
    /// replica at a time posts to a scope, so this surface's pacing in that replica sees every post. The channel itself
    /// unless the platform also limits a larger whole (e.g. a budget per tenant).
    /// </summary>
    string PacingScope(Channel channel) => channel.Key;

    /// <summary>
    /// How many operations per second the platform allows the whole <see cref="PacingScope"/> when that is larger than a channel
    /// (say 50 per organisation), or null. Channels with work waiting in one scope share it: each one's pace is this divided by them.
    /// </summary>
    double? ScopeOperationsPerSecond => null;

    /// <summary>How long after its last answer a scope's pacing still depends on the posts made (the longest window that a handover must let pass).</summary>
    TimeSpan PacingMemory => TimeSpan.Zero;

    Task<PostOutcome> PostAsync(Channel channel, BotReply reply, CancellationToken cancellationToken);

    /// <summary>Edits a message this surface posted earlier, identified by the <see cref="PostOutcome.Posted.MessageRef"/> it returned.</summary>
    Task<PostOutcome> UpdateAsync(Channel channel, string messageRef, BotReply reply, CancellationToken cancellationToken);

    /// <summary>
    /// A short line in the thread of a message this surface posted (an alarm's log: "张三 acknowledged · 21:22").
    /// A surface without threads says so (permanent), and the line is left out.
    /// </summary>
    Task<PostOutcome> ReplyInThreadAsync(Channel channel, string messageRef, string text, CancellationToken cancellationToken) =>
        Task.FromResult<PostOutcome>(new PostOutcome.Permanent($"{Platform} has no threads"));
}
