using Bot.Core.Storage;
using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>
/// Removes old history in statements of at most <see cref="Batch"/> rows each, so no write holds locks long. The
/// conditions are checked in the statement that deletes, with the rows locked: a delivery or a call that got going
/// meanwhile is kept. Rows another transaction holds are skipped (<c>SKIP LOCKED</c>) and go on a later day.
/// </summary>
public sealed class PostgresStorageSweep(PostgresDatabase db) : IStorageSweep
{
    public const int Batch = 500;

    private static readonly string[] FinalCallStates = ["Sent", "Failed", "Expired", "Cancelled"];

    public async Task<SweepResult> SweepAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var before = Instants.ToStored(cutoff);
        await using var c = await db.OpenAsync(cancellationToken);
        int alarms = 0, deliveries = 0, calls = 0, auditLines = 0;
        // An alarm with a card still to post or to edit is work, not history: it waits for its cards.
        while (true)
        {
            var (a, d) = await c.Command("""
                WITH victims AS (
                    SELECT a.id FROM alarms a
                    WHERE a.received_at < @before AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.alarm_id = a.id AND d.due)
                    ORDER BY a.received_at LIMIT @batch FOR UPDATE SKIP LOCKED),
                gone_deliveries AS (DELETE FROM deliveries d USING victims v WHERE d.alarm_id = v.id RETURNING 1),
                gone_alarms AS (DELETE FROM alarms a USING victims v WHERE a.id = v.id RETURNING 1)
                SELECT (SELECT count(*)::int FROM gone_alarms), (SELECT count(*)::int FROM gone_deliveries)
                """).With("before", before).With("batch", Batch).SingleAsync(r => (r.GetInt32(0), r.GetInt32(1)), cancellationToken);
            alarms += a;
            deliveries += d;
            if (a < Batch) break;
        }
        while (true)
        {
            var removed = await c.Command("""
                DELETE FROM calls WHERE id IN (
                    SELECT id FROM calls WHERE created_at < @before AND state = ANY(@final) AND coalesce(finished_at, created_at) < @before
                    LIMIT @batch FOR UPDATE SKIP LOCKED)
                """).With("before", before).With("final", FinalCallStates).With("batch", Batch).ExecuteAsync(cancellationToken);
            calls += removed;
            if (removed < Batch) break;
        }
        // Audit lines are a log: each goes by its own age, whether or not its call is still stored.
        while (true)
        {
            var removed = await c.Command("DELETE FROM call_audit WHERE id IN (SELECT id FROM call_audit WHERE at < @before LIMIT @batch)")
                .With("before", before).With("batch", Batch).ExecuteAsync(cancellationToken);
            auditLines += removed;
            if (removed < Batch) break;
        }
        // Escalations and storms by the same rule: old and no longer at work (no step to come, nothing left to show).
        var escalations = await DeleteInBatchesAsync(c, """
            DELETE FROM escalations WHERE id IN (
                SELECT id FROM escalations WHERE due_at IS NULL AND started_at < @before LIMIT @batch FOR UPDATE SKIP LOCKED)
            """, before, cancellationToken);
        var storms = await DeleteInBatchesAsync(c, """
            DELETE FROM storms WHERE id IN (
                SELECT id FROM storms WHERE latest_at < @before AND NOT behind LIMIT @batch FOR UPDATE SKIP LOCKED)
            """, before, cancellationToken);
        return new SweepResult(alarms, deliveries, calls, auditLines) { Escalations = escalations, Storms = storms };
    }

    private static async Task<int> DeleteInBatchesAsync(NpgsqlConnection c, string sql, long before, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var removed = await c.Command(sql).With("before", before).With("batch", Batch).ExecuteAsync(cancellationToken);
            total += removed;
            if (removed < Batch) return total;
        }
    }
}
