namespace Bot.Core.Alarms;

/// <summary>One process, one poller: the lock is always held.</summary>
public sealed class SingleProcessPollerLock : IPollerLock
{
    public Task<bool> HoldAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public bool Held => true;
}
