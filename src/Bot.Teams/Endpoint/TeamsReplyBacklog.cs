// Spec: docs/protocols/teams-bot-framework.md: Teams allows a bot 60 operations per 30 seconds in one conversation.
using System.Collections.Concurrent;

namespace Bot.Teams.Endpoint;

/// <summary>
/// Counts the replies to typed messages still waiting for their turn in each conversation (by its channel key). Teams takes at most 60
/// operations per 30 seconds in one conversation, so a conversation typing faster than that builds a backlog that
/// only grows: each waiting reply holds its activity and card in memory, and the collector's pauses then slow every
/// request. Past <see cref="MaxWaiting"/> (five minutes of that limit) a new reply is not queued.
/// </summary>
public sealed class TeamsReplyBacklog
{
    public const int MaxWaiting = 600;

    private readonly ConcurrentDictionary<string, StrongBox> _waiting = new(StringComparer.Ordinal);

    /// <summary>Counts one more reply waiting in the conversation; false (nothing counted) when it already has the most.</summary>
    public bool TryEnter(string channelKey)
    {
        var box = _waiting.GetOrAdd(channelKey, _ => new StrongBox());
        if (Interlocked.Increment(ref box.Count) <= MaxWaiting) return true;
        Interlocked.Decrement(ref box.Count);
        return false;
    }

    /// <summary>The reply entered with <see cref="TryEnter"/> went out (or failed).</summary>
    public void Leave(string channelKey)
    {
        if (_waiting.TryGetValue(channelKey, out var box)) Interlocked.Decrement(ref box.Count);
    }

    /// <summary>Replies waiting in the conversation now.</summary>
    public int Waiting(string channelKey) => _waiting.TryGetValue(channelKey, out var box) ? Volatile.Read(ref box.Count) : 0;

    // One counter per conversation, kept: a conversation's id is small, and removing a counter another thread is
    // about to increment would lose its count.
    private sealed class StrongBox
    {
        public int Count;
    }
}
