// Spec: docs/protocols/teams-bot-framework.md: Teams allows a bot 60 operations per 30 seconds in one conversation.
using System.Collections.Concurrent;

namespace Bot.Teams.Endpoint;

/// <summary>
/// Counts the replies to typed messages still waiting for their turn in each conversation (by its channel key). Teams takes at most 60
/// operations per 30 seconds in one conversation, so a conversation typing faster than that builds a backlog that
/// only grows: each waiting reply holds its activity and card in memory, and the collector's pauses then slow every
/// request. Past <see cref="MaxWaiting"/> (five minutes of that limit) a new reply is not queued, and
/// <see cref="Dropped"/> says when that is worth a warning.
/// </summary>
public sealed class TeamsReplyBacklog
{
    public const int MaxWaiting = 600;

    /// <summary>
    /// A conversation past its backlog drops every new reply: one warning per drop would write thousands of lines a
    /// second (the console logger's lock then slowed every request), so after the first a warning comes at most this
    /// often, counting the replies dropped since the one before.
    /// </summary>
    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

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

    /// <summary>
    /// Counts a reply not queued (after <see cref="TryEnter"/> said no). Returns the number of replies dropped since the
    /// last warning when a warning is due (the conversation's first drop, then at most one per <see cref="WarningInterval"/>),
    /// else null.
    /// </summary>
    public int? Dropped(string channelKey, DateTimeOffset now)
    {
        var box = _waiting.GetOrAdd(channelKey, _ => new StrongBox());
        Interlocked.Increment(ref box.Dropped);
        var warned = Interlocked.Read(ref box.WarnedAt);
        if (warned != NeverWarned && now.UtcTicks - warned < WarningInterval.Ticks) return null;
        // One thread wins the warning; the others' drops are counted in it or in the next.
        if (Interlocked.CompareExchange(ref box.WarnedAt, now.UtcTicks, warned) != warned) return null;
        return Interlocked.Exchange(ref box.Dropped, 0);
    }

    /// <summary>Replies waiting in the conversation now.</summary>
    public int Waiting(string channelKey) => _waiting.TryGetValue(channelKey, out var box) ? Volatile.Read(ref box.Count) : 0;

    // One counter per conversation, kept: a conversation's id is small, and removing a counter another thread is
    // about to increment would lose its count.
    private sealed class StrongBox
    {
        public int Count;
        public int Dropped;
        public long WarnedAt = NeverWarned;
    }

    private const long NeverWarned = long.MinValue;
}
