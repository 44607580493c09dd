using System.Collections.Concurrent;

namespace Bot.Core.Channels;

/// <summary>
/// One operation at a time per channel between the alarm lane (its own cards) and the storm presenter (storm and summary
/// cards): the two share one pace, so a channel has one operation waiting for its platform's slot at a time and its share
/// of a budget the platform spreads over many channels (an organisation's) is one slot in turn, not one per worker. Waiters
/// take their turns in the order they asked.
/// </summary>
public sealed class ChannelTurns
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _turns = new(StringComparer.Ordinal);

    /// <summary>Waits for the channel's turn; give it back with <see cref="Give"/>.</summary>
    public Task TakeAsync(string channelKey, CancellationToken cancellationToken) =>
        _turns.GetOrAdd(channelKey, _ => new SemaphoreSlim(1, 1)).WaitAsync(cancellationToken);

    public void Give(string channelKey)
    {
        if (_turns.TryGetValue(channelKey, out var turn)) turn.Release();
    }
}
