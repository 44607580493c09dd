using Bot.Core.Calls;
using Bot.Core.Storage;
using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>
/// Removes old history from the bot's LiteDB file. Candidates are found by index (an alarm's arrival, a call's
/// creation, an audit line's time); each is checked again inside the write that removes it, so a delivery or a call
/// that got going meanwhile is kept. Writes are small (<see cref="Batch"/> items), so the writer is never held long.
/// Finished escalations and storms whose card shows everything go by the same age, read in full (they are few).
/// </summary>
public sealed class LiteDbStorageSweep : IStorageSweep
{
    /// <summary>How many alarms or calls one write removes at most.</summary>
    public const int Batch = 500;

    /// <summary>Audit documents removed per write: each holds up to <see cref="LiteDbCallStore.LinesPerDocument"/> lines, read whole to count them.</summary>
    public const int AuditDocumentsPerWrite = 20;

    // The states a call leaves only by a retry within minutes of failing: after the retention it is history.
    private static readonly string[] FinalCallStates =
        [nameof(CallState.Sent), nameof(CallState.Failed), nameof(CallState.Expired), nameof(CallState.Cancelled)];

    private readonly BotDatabase _db;
    private readonly ILiteCollection<AlarmDocument> _alarms;
    private readonly ILiteCollection<DeliveryDocument> _deliveries;
    private readonly ILiteCollection<AlarmChangeDocument> _changes;
    private readonly ILiteCollection<CallDocument> _calls;
    private readonly ILiteCollection<AuditDocument> _audit;
    private readonly ILiteCollection<EscalationDocument> _escalations;
    private readonly ILiteCollection<StormDocument> _storms;

    public LiteDbStorageSweep(BotDatabase db)
    {
        _db = db;
        _alarms = db.Collection<AlarmDocument>(AlarmCollections.Alarms);
        _deliveries = db.Collection<DeliveryDocument>(AlarmCollections.Deliveries);
        _changes = db.Collection<AlarmChangeDocument>(AlarmCollections.Changes);
        _calls = db.Collection<CallDocument>(Collections.Calls);
        _audit = db.Collection<AuditDocument>(Collections.CallAudit);
        _escalations = db.Collection<EscalationDocument>(Collections.Escalations);
        _storms = db.Collection<StormDocument>(Collections.Storms);
        _alarms.EnsureIndex(a => a.ReceivedAt);
        _deliveries.EnsureIndex(d => d.AlarmId);
        _changes.EnsureIndex(c => c.AlarmId);
        _calls.EnsureIndex(c => c.CreatedAt);
        _audit.EnsureIndex(a => a.At);
    }

    public async Task<SweepResult> SweepAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var before = Instants.ToStored(cutoff);
        var alarms = 0;
        var deliveries = 0;
        // Alarms and calls that are kept stay among the candidates, so the candidates are listed once, then removed in batches.
        var oldAlarms = _alarms.Query().Where(a => a.ReceivedAt < before).Select(a => a.Id).ToList();
        foreach (var batch in oldAlarms.Chunk(Batch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (a, d) = await _db.WriteAsync(() => RemoveAlarms(batch, before));
            alarms += a;
            deliveries += d;
        }

        var calls = 0;
        var oldCalls = _calls.Query().Where(c => c.CreatedAt < before).Select(c => c.Id).ToList();
        foreach (var batch in oldCalls.Chunk(Batch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            calls += await _db.WriteAsync(() => RemoveCalls(batch, before));
        }

        // Audit lines are a log: each goes by its own age, whether or not its call is still stored.
        var auditLines = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Lines written together go when the newest of them does.
            var (documents, lines) = await _db.WriteAsync(() =>
            {
                var old = _audit.Query().Where(a => a.At < before).Limit(AuditDocumentsPerWrite).ToList();
                foreach (var document in old) _audit.Delete(document.Id);
                return (old.Count, old.Sum(d => d.Lines?.Count ?? 1));
            });
            auditLines += lines;
            if (documents < AuditDocumentsPerWrite) break;
        }
        // Escalations and storms by the same rule: old and no longer at work (no step to come, nothing left to show).
        var escalations = await RemoveInBatchesAsync(_escalations, e => e.DueAt == null && e.StartedAt < before, e => e.Id, cancellationToken);
        var storms = await RemoveInBatchesAsync(_storms, s => s.LatestAt < before && s.Behind == false, s => s.Id, cancellationToken);
        return new SweepResult(alarms, deliveries, calls, auditLines) { Escalations = escalations, Storms = storms };
    }

    // Each batch is checked again inside its write: one that got going meanwhile (a storm with a new alarm) is kept.
    private async Task<int> RemoveInBatchesAsync<T>(ILiteCollection<T> collection, System.Linq.Expressions.Expression<Func<T, bool>> query, Func<T, string> id, CancellationToken cancellationToken)
    {
        var old = query.Compile();
        var candidates = collection.Find(query).Select(id).ToList();
        var removed = 0;
        foreach (var batch in candidates.Chunk(Batch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            removed += await _db.WriteAsync(() =>
            {
                var n = 0;
                foreach (var key in batch)
                    if (collection.FindById(key) is { } item && old(item) && collection.Delete(key)) n++;
                return n;
            });
        }
        return removed;
    }

    private (int Alarms, int Deliveries) RemoveAlarms(IEnumerable<string> ids, long before)
    {
        var alarms = 0;
        var deliveries = 0;
        foreach (var id in ids)
        {
            if (_alarms.FindById(id) is not { } alarm || alarm.ReceivedAt >= before) continue;
            var cards = _deliveries.Find(d => d.AlarmId == id).ToList();
            // A card still to post or to edit is work, not history: the alarm waits for it.
            if (cards.Any(d => d.Due)) continue;
            foreach (var card in cards) _deliveries.Delete(card.Id);
            _changes.DeleteMany(c => c.AlarmId == id);
            _alarms.Delete(id);
            alarms++;
            deliveries += cards.Count;
        }
        return (alarms, deliveries);
    }

    private int RemoveCalls(IEnumerable<string> ids, long before)
    {
        var removed = 0;
        foreach (var id in ids)
        {
            if (_calls.FindById(id) is not { } call || !FinalCallStates.Contains(call.State)) continue;
            if ((call.FinishedAt ?? call.CreatedAt) >= before) continue;
            _calls.Delete(id);
            removed++;
        }
        return removed;
    }
}
