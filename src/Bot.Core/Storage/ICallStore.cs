using Bot.Core.Calls;

namespace Bot.Core.Storage;

/// <summary>
/// Calls that someone clicked (a confirmation card's call lives in the card until then, see <see cref="CallToken"/>)
/// and the call audit.
/// </summary>
public interface ICallStore
{
    /// <summary>
    /// Stores <paramref name="call"/> with its audit line in one write unless a call of that id is stored already.
    /// Two concurrent callers: exactly one gets <c>Applied = true</c>; the other gets the stored call.
    /// </summary>
    Task<CallTransition> TryAddAsync(Call call, CallAuditEntry audit, CancellationToken cancellationToken = default);

    Task<Call?> FindAsync(string callId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically replaces the call with <paramref name="next"/>(current) when its state is one of
    /// <paramref name="from"/>. Two concurrent callers: exactly one gets <c>Applied = true</c>. When applied,
    /// the line <paramref name="audit"/> makes of the new call is stored in the same write.
    /// </summary>
    Task<CallTransition> TryTransitionAsync(string callId, IReadOnlyCollection<CallState> from, Func<Call, Call> next,
        Func<Call, CallAuditEntry>? audit = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Call>> InStateAsync(CallState state, CancellationToken cancellationToken = default);

    Task AuditAsync(CallAuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Stores many audit lines in one write (all or none): the batches of <see cref="CallAuditQueue"/>.</summary>
    Task AuditManyAsync(IReadOnlyList<CallAuditEntry> entries, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CallAuditEntry>> AuditLogAsync(int max, CancellationToken cancellationToken = default);
}
