using Bot.Core.Escalation;
using Bot.Core.Storage;

namespace Bot.Storage.Postgres;

/// <summary>Escalation timers in PostgreSQL: starting is an insert that loses to an earlier one, advancing a compare-and-set on the step.</summary>
public sealed class PostgresEscalationStore(PostgresDatabase db) : IEscalationStore
{
    private const string Columns = EscalationRow.Columns;

    public async Task<bool> StartEscalationAsync(AlarmEscalation escalation, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command($"""
            INSERT INTO escalations ({Columns}) VALUES (@id, @alarmId, @channelKey, @startedAt, @nextStep, @steps, @dueAt, @endedBecause)
            ON CONFLICT (id) DO NOTHING
            """)
            .With("id", escalation.Id).With("alarmId", escalation.AlarmId).With("channelKey", escalation.ChannelKey).With("startedAt", Instants.ToStored(escalation.StartedAt))
            .With("nextStep", escalation.NextStep).With("steps", escalation.Steps).With("dueAt", Instants.ToStored(escalation.DueAt)).With("endedBecause", escalation.EndedBecause)
            .ExecuteAsync(cancellationToken) == 1;
    }

    // What one replica reads it holds for a while (held_until): another replica reading at once gets the others.
    public async Task<IReadOnlyList<AlarmEscalation>> DueEscalationsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var at = Instants.ToStored(now);
        var rows = await c.Command($"""
            UPDATE escalations SET held_until = @until WHERE id IN (
                SELECT id FROM escalations WHERE due_at IS NOT NULL AND due_at <= @at AND held_until <= @at ORDER BY due_at, id LIMIT @max FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """).With("at", at).With("max", max).With("until", at + (long)db.Options.ChannelClaim.TotalMilliseconds).ListAsync(EscalationRow.Read, cancellationToken);
        return rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(ToEscalation).ToList();
    }

    public Task<bool> AdvanceEscalationAsync(string escalationId, int fromStep, int nextStep, DateTimeOffset? dueAt, string? endedBecause, bool editCards = false, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            // Only while step fromStep is still the next one: of two replicas acting on the same step, one wins.
            var alarmId = await c.Command("""
                UPDATE escalations SET next_step = @nextStep, due_at = @dueAt, held_until = 0, ended_because = CASE WHEN @dueAt IS NULL THEN @endedBecause END
                WHERE id = @escalationId AND due_at IS NOT NULL AND next_step = @fromStep
                RETURNING alarm_id
                """, t).With("escalationId", escalationId).With("fromStep", fromStep).With("nextStep", nextStep).With("dueAt", Instants.ToStored(dueAt)).With("endedBecause", endedBecause)
                .SingleOrDefaultAsync(r => r.GetString(0), cancellationToken);
            if (alarmId is null) return false;
            if (editCards)
            {
                // As a change of state: a new version, and every copy's edit asked for at it; held and failed copies are left alone.
                await c.Command($"""
                    WITH a AS (UPDATE alarms SET version = version + 1 WHERE id = @alarmId RETURNING version)
                    UPDATE deliveries d SET needs_refresh = true, refresh_version = a.version, due = (d.due OR d.state = 'Posted')
                    FROM a WHERE d.alarm_id = @alarmId AND d.state IN ('Posted', 'Pending');
                    SELECT pg_notify('{Notifications.Work}', '');
                    """, t).With("alarmId", alarmId).ExecuteAsync(cancellationToken);
            }
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<AlarmEscalation>> EscalationsOfAsync(string alarmId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command($"SELECT {Columns} FROM escalations WHERE alarm_id = @alarmId ORDER BY id").With("alarmId", alarmId)
                .ListAsync(EscalationRow.Read, cancellationToken))
            .Select(ToEscalation).ToList();
    }

    public async Task<bool> AddEscalationCopyAsync(string alarmId, string channelKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        // The copy is a delivery like the alarm's others (its place in the channel's order is the alarm's); the replicas hear of it.
        var added = await c.Command("""
            INSERT INTO deliveries (id, alarm_id, channel_key, seq, state, due, next_attempt_at)
            SELECT a.id || '|' || @channelKey, a.id, @channelKey, a.seq, 'Pending', true, @at FROM alarms a WHERE a.id = @alarmId
            ON CONFLICT DO NOTHING
            """).With("alarmId", alarmId).With("channelKey", channelKey).With("at", Instants.ToStored(now)).ExecuteAsync(cancellationToken) == 1;
        if (added) await c.Command($"SELECT pg_notify('{Notifications.Work}', '')").ExecuteAsync(cancellationToken);
        return added;
    }

    private static AlarmEscalation ToEscalation(EscalationRow r) =>
        new(r.Id, r.AlarmId, r.ChannelKey, Instants.FromStored(r.StartedAt), r.NextStep, r.Steps, Instants.FromStored(r.DueAt), r.EndedBecause);
}
