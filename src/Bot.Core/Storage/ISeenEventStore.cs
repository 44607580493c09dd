namespace Bot.Core.Storage;

/// <summary>
/// Platform event ids already handled, so a retried event does nothing twice, whichever replica it reaches. With one
/// process the default keeps them in memory (<see cref="InProcessSeenEvents"/>); a shared store keeps them for all replicas.
/// </summary>
public interface ISeenEventStore
{
    /// <summary>True exactly once per key (atomically across callers); keys older than <paramref name="keep"/> may be forgotten.</summary>
    Task<bool> FirstTimeAsync(string key, DateTimeOffset at, TimeSpan keep, CancellationToken cancellationToken = default);
}
