using Bot.Core.Escalation;
using Bot.Core.Storage;
using Dapper;

namespace Bot.Storage.Postgres;

/// <summary>Escalation timers in PostgreSQL: starting is an insert that loses to an earlier one, advancing a compare-and-set on the step.</summary>
public sealed class PostgresEscalationStore(PostgresDatabase db) : IEscalationStore
{
    private const string Columns = "id, alarm_id, channel_key, started_at, next_step, steps, due_at, ended_because";

    public async Task<bool> StartEscalationAsync(AlarmEscalation escalation, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO escalations ({Columns}) VALUES (@id, @alarmId, @channelKey, @startedAt, @nextStep, @steps, @dueAt, @endedBecause)
            ON CONFLICT (id) DO NOTHING
            """, new
            {
                id = escalation.Id, alarmId = escalation.AlarmId, channelKey = escalation.ChannelKey, startedAt = Instants.ToStored(escalation.StartedAt),
                nextStep = escalation.NextStep, steps = escalation.Steps, dueAt = Instants.ToStored(escalation.DueAt), endedBecause = escalation.EndedBecause,
            }, cancellationToken: cancellationToken)) == 1;
    }

    // What one replica reads it holds for a while (held_until): another replica reading at once gets the others.
    public async Task<IReadOnlyList<AlarmEscalation>> DueEscalationsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var at = Instants.ToStored(now);
        var rows = await c.QueryAsync<EscalationRow>(new CommandDefinition($"""
            UPDATE escalations SET held_until = @until WHERE id IN (
                SELECT id FROM escalations WHERE due_at IS NOT NULL AND due_at <= @at AND held_until <= @at ORDER BY due_at, id LIMIT @max FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """, new { at, max, until = at + (long)db.Options.ChannelClaim.TotalMilliseconds }, cancellationToken: cancellationToken));
        return rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(ToEscalation).ToList();
    }

    public Task<bool> AdvanceEscalationAsync(string escalationId, int fromStep, int nextStep, DateTimeOffset? dueAt, string? endedBecause, bool editCards = false, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            // Only while step fromStep is still the next one: of two replicas acting on the same step, one wins.
            var alarmId = await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition("""
                UPDATE escalations SET next_step = @nextStep, due_at = @dueAt, held_until = 0, ended_because = CASE WHEN @dueAt IS NULL THEN @endedBecause END
                WHERE id = @escalationId AND due_at IS NOT NULL AND next_step = @fromStep
                RETURNING alarm_id
                """, new { escalationId, fromStep, nextStep, dueAt = Instants.ToStored(dueAt), endedBecause }, t, cancellationToken: cancellationToken));
            if (alarmId is null) return false;
            if (editCards)
            {
                // As a change of state: a new version, and every copy's edit asked for at it; held and failed copies are left alone.
                await c.ExecuteAsync(new CommandDefinition($"""
                    WITH a AS (UPDATE alarms SET version = version + 1 WHERE id = @alarmId RETURNING version)
                    UPDATE deliveries d SET needs_refresh = true, refresh_version = a.version, due = (d.due OR d.state = 'Posted')
                    FROM a WHERE d.alarm_id = @alarmId AND d.state IN ('Posted', 'Pending');
                    SELECT pg_notify('{Notifications.Work}', '');
                    """, new { alarmId }, t, cancellationToken: cancellationToken));
            }
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<AlarmEscalation>> EscalationsOfAsync(string alarmId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<EscalationRow>(new CommandDefinition($"SELECT {Columns} FROM escalations WHERE alarm_id = @alarmId ORDER BY id",
                new { alarmId }, cancellationToken: cancellationToken)))
            .Select(ToEscalation).ToList();
    }

    public async Task<bool> AddEscalationCopyAsync(string alarmId, string channelKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        // The copy is a delivery like the alarm's others (its place in the channel's order is the alarm's); the replicas hear of it.
        var added = await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO deliveries (id, alarm_id, channel_key, seq, state, due, next_attempt_at)
            SELECT a.id || '|' || @channelKey, a.id, @channelKey, a.seq, 'Pending', true, @at FROM alarms a WHERE a.id = @alarmId
            ON CONFLICT DO NOTHING
            """, new { alarmId, channelKey, at = Instants.ToStored(now) }, cancellationToken: cancellationToken)) == 1;
        if (added) await c.ExecuteAsync(new CommandDefinition($"SELECT pg_notify('{Notifications.Work}', '')", cancellationToken: cancellationToken));
        return added;
    }

    private static AlarmEscalation ToEscalation(EscalationRow r) =>
        new(r.Id, r.AlarmId, r.ChannelKey, Instants.FromStored(r.StartedAt), r.NextStep, r.Steps, Instants.FromStored(r.DueAt), r.EndedBecause);
}
