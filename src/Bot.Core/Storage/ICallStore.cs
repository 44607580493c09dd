using Bot.Core.Calls;

namespace Bot.Core.Storage;

public interface ICallStore
{
    /// <summary>Stores a new call together with its first audit line, in one write.</summary>
    Task AddAsync(Call call, CallAuditEntry audit, CancellationToken cancellationToken = default);
    Task<Call?> FindAsync(string callId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically replaces the call with <paramref name="next"/>(current) when its state is one of
    /// <paramref name="from"/>. Two concurrent callers: exactly one gets <c>Applied = true</c>. When applied,
    /// the line <paramref name="audit"/> makes of the new call is stored in the same write.
    /// </summary>
    Task<CallTransition> TryTransitionAsync(string callId, IReadOnlyCollection<CallState> from, Func<Call, Call> next,
        Func<Call, CallAuditEntry>? audit = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Call>> InStateAsync(CallState state, CancellationToken cancellationToken = default);

    /// <summary>Attaches where the call's card was shown (opaque to the Core: an adapter's message reference).</summary>
    Task SetSurfaceRefAsync(string callId, string surfaceRef, CancellationToken cancellationToken = default);

    Task AuditAsync(CallAuditEntry entry, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<CallAuditEntry>> AuditLogAsync(int max, CancellationToken cancellationToken = default);
}
