namespace Bot.Core.Storage;

/// <summary>
/// Removes what has been kept long enough, so storage does not grow forever. What is still at work is kept
/// whatever its age: an alarm with a delivery still due (to post or to edit), a call not yet in a final state, an
/// escalation with a step still to come and a storm card still to post or to edit.
/// </summary>
public interface IStorageSweep
{
    /// <summary>
    /// Removes the alarms received before <paramref name="cutoff"/> with their deliveries and acknowledgement, the calls
    /// finished (sent, failed, expired or cancelled) before it, the audit lines written before it, the escalations over and
    /// started before it, and the storms whose card shows all their alarms and whose latest alarm came before it.
    /// Works in small writes, so other writes never wait behind a long one.
    /// </summary>
    Task<SweepResult> SweepAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
