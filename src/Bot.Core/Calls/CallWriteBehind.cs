using System.Collections.Concurrent;
using Bot.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Calls;

/// <summary>
/// Stores a new pending call (with its audit line) and the audit line of a refused request behind the answer:
/// the write is handed to the store before the card is answered, and the answer does not wait for its commit.
/// Everything that acts on a call (confirm, cancel, the posted card's reference) waits for that write first, so
/// Confirmed is only ever recorded over a stored Pending. A crash before the commit loses an unconfirmed card,
/// whose click then finds no call and says it expired; nothing was sent for it.
/// </summary>
public sealed partial class CallWriteBehind(ICallStore calls, ILogger<CallWriteBehind> log)
{
    /// <summary>Writes allowed on their way at once; past this an answer waits for room, so a burst cannot outrun the disk without bound.</summary>
    public const int MaxInFlight = 4096;

    private readonly ConcurrentDictionary<string, Task<bool>> _adding = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _room = new(MaxInFlight, MaxInFlight);

    /// <summary>Writes on their way (for tests and the bench).</summary>
    public int InFlight => MaxInFlight - _room.CurrentCount;

    /// <summary>Hands the new call to the store; returns without waiting for the commit (unless too many are on their way).</summary>
    public async ValueTask AddAsync(Call call, CallAuditEntry audit, CancellationToken cancellationToken)
    {
        await _room.WaitAsync(cancellationToken);
        var stored = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Registered before the write starts, so a click that arrives at once finds it and waits.
        _adding[call.Id] = stored.Task;
        _ = StoreAsync(call.Id, () => calls.AddAsync(call, audit, CancellationToken.None), stored);
    }

    /// <summary>Hands an audit line to the store without waiting for its commit.</summary>
    public async ValueTask AuditAsync(CallAuditEntry entry, CancellationToken cancellationToken)
    {
        await _room.WaitAsync(cancellationToken);
        _ = StoreAsync(null, () => calls.AuditAsync(entry, CancellationToken.None), null);
    }

    /// <summary>Completes once the call's own write (if still on its way) is over: true when stored, false when it failed.</summary>
    public Task<bool> StoredAsync(string callId) => _adding.TryGetValue(callId, out var write) ? write : Task.FromResult(true);

    private async Task StoreAsync(string? callId, Func<Task> write, TaskCompletionSource<bool>? stored)
    {
        try
        {
            await write();
            stored?.TrySetResult(true);
        }
        catch (Exception e)
        {
            LogLost(log, e, callId ?? "(audit)");
            stored?.TrySetResult(false);
        }
        finally
        {
            if (callId is not null) _adding.TryRemove(callId, out _);
            _room.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {CallId} behind its answer failed: its card will say it expired")]
    private static partial void LogLost(ILogger logger, Exception exception, string callId);
}
