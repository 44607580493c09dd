using Bot.Core.Storage;

namespace Bot.Core.Channels;

/// <summary>
/// Whether a platform's event is new to the bot as a whole (any replica), for surfaces whose platform retries events it
/// did not hear back about. Surfaces ask this, never the store.
/// </summary>
public sealed class PlatformEvents(ISeenEventStore seen, TimeProvider time)
{
    /// <summary>Platforms retry within about an hour; an id is kept twice that.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromHours(2);

    public Task<bool> FirstTimeAsync(string platform, string eventId, CancellationToken cancellationToken) =>
        seen.FirstTimeAsync($"{platform}:{eventId}", time.GetUtcNow(), Keep, cancellationToken);
}
