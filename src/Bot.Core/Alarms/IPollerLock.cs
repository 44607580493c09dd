namespace Bot.Core.Alarms;

/// <summary>
/// Which replica polls the alarm sources: one at a time. With one process it is always this one
/// (<see cref="SingleProcessPollerLock"/>); with several, a lock the database releases when its holder dies.
/// </summary>
public interface IPollerLock
{
    /// <summary>Keeps the lock, or tries once to take it; true while this replica is the poller.</summary>
    Task<bool> HoldAsync(CancellationToken cancellationToken);

    /// <summary>Whether this replica held the lock when last asked (for <c>/readyz</c>).</summary>
    bool Held { get; }
}
