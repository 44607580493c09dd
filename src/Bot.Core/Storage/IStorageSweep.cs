namespace Bot.Core.Storage;

/// <summary>
/// Removes what has been kept long enough, so storage does not grow forever. What is still at work is kept
/// whatever its age: an alarm with a delivery still due (to post or to edit) and a call not yet in a final state.
/// </summary>
public interface IStorageSweep
{
    /// <summary>
    /// Removes the alarms received before <paramref name="cutoff"/> with their deliveries and acknowledgement, the calls
    /// finished (sent, failed, expired or cancelled) before it, and the audit lines written before it.
    /// Works in small writes, so other writes never wait behind a long one.
    /// </summary>
    Task<SweepResult> SweepAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
