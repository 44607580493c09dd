using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Bot.Storage.Postgres;

/// <summary>
/// Alarms, deliveries and cursors in PostgreSQL, in all three roles of the alarm store. The intake is one transaction
/// (alarms by <c>INSERT … ON CONFLICT DO NOTHING</c> on the message id, their deliveries, the cursor); the first
/// acknowledgement is the one <c>UPDATE … WHERE ack_at IS NULL</c> that changes the row. Both announce new work to the
/// other replicas (<see cref="Notifications.Work"/>) when they commit.
/// </summary>
public sealed class PostgresAlarmStore(PostgresDatabase db) : IAlarmIntakeStore, IAlarmOutbox, IAlarmQueries
{
    private const string AlarmColumns = "id, source, seq, category, severity, title, content, raised_at, product_id, device_name, device_alias, family_id, family_name, received_at, device_id, channels, ack_platform, ack_user_id, ack_user_name, ack_at";
    private const string DeliveryColumns = "alarm_id, channel_key, seq, state, attempts, unknown_outcomes, next_attempt_at, message_ref, last_error, posted_at, needs_refresh";

    // One alarm and its deliveries; nothing at all when the id is known. Answers 1 when stored.
    private const string TakeOne = $"""
        WITH a AS (
            INSERT INTO alarms ({AlarmColumns}) VALUES (@id, @source, nextval('alarm_seq'), @category, @severity, @title, @content, @raised_at, @product_id,
                @device_name, @device_alias, @family_id, @family_name, @received_at, @device_id, @channels, NULL, NULL, NULL, NULL)
            ON CONFLICT (id) DO NOTHING RETURNING id, seq),
        d AS (
            INSERT INTO deliveries (id, alarm_id, channel_key, seq, state, due, next_attempt_at)
            SELECT a.id || '|' || c.key, a.id, c.key, a.seq, 'Pending', true, @received_at FROM a CROSS JOIN unnest(@channels) AS c(key)
            RETURNING 1)
        SELECT count(*)::int FROM a
        """;

    public async Task<string?> CursorAsync(string source, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition("SELECT value FROM alarm_cursors WHERE source = @source", new { source }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyDictionary<string, string>> CursorsAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<(string, string)>(new CommandDefinition("SELECT source, value FROM alarm_cursors", cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal);
    }

    public Task<IntakeResult> TakeAsync(string source, IReadOnlyList<NewAlarm> oldestFirst, string cursor, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            var stored = 0;
            // One round trip for the lot: each alarm its own statement (in order, so the sequence follows intake order).
            await using var batch = new NpgsqlBatch(c, t);
            foreach (var alarm in oldestFirst) batch.BatchCommands.Add(TakeCommand(alarm, now));
            batch.BatchCommands.Add(new NpgsqlBatchCommand("INSERT INTO alarm_cursors (source, value) VALUES ($1, $2) ON CONFLICT (source) DO UPDATE SET value = excluded.value")
            {
                Parameters = { new() { Value = source }, new() { Value = cursor } },
            });
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                for (var i = 0; i < oldestFirst.Count; i++)
                {
                    if (await reader.ReadAsync(cancellationToken)) stored += reader.GetInt32(0);
                    await reader.NextResultAsync(cancellationToken);
                }
            }
            if (stored > 0) await c.ExecuteAsync(new CommandDefinition($"SELECT pg_notify('{Notifications.Work}', '')", transaction: t, cancellationToken: cancellationToken));
            return new IntakeResult(stored, oldestFirst.Count - stored);
        }, cancellationToken);

    private static NpgsqlBatchCommand TakeCommand(NewAlarm alarm, DateTimeOffset now)
    {
        var m = alarm.Message;
        var command = new NpgsqlBatchCommand(TakeOne);
        var p = command.Parameters;
        p.AddWithValue("id", m.Id);
        p.AddWithValue("source", m.Source);
        p.AddWithValue("category", (int)m.Category);
        p.AddWithValue("severity", m.Severity.ToString());
        p.AddWithValue("title", m.Title);
        p.AddWithValue("content", m.Text);
        p.AddWithValue("raised_at", Instants.ToStored(m.At));
        p.AddWithValue("product_id", m.Device?.ProductId ?? "");
        p.AddWithValue("device_name", m.Device?.DeviceName ?? "");
        p.AddWithValue("device_alias", m.DeviceAlias);
        p.AddWithValue("family_id", m.FamilyId);
        p.AddWithValue("family_name", m.FamilyName);
        p.AddWithValue("received_at", Instants.ToStored(now));
        p.Add(new NpgsqlParameter("device_id", NpgsqlDbType.Text) { Value = (object?)alarm.DeviceId ?? DBNull.Value });
        p.Add(new NpgsqlParameter("channels", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = alarm.Channels.ToArray() });
        return command;
    }

    public async Task<Alarm?> FindAsync(string alarmId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.QuerySingleOrDefaultAsync<AlarmRow>(new CommandDefinition($"SELECT {AlarmColumns} FROM alarms WHERE id = @alarmId", new { alarmId }, cancellationToken: cancellationToken));
        return row is null ? null : ToAlarm(row);
    }

    public Task<IReadOnlyList<Alarm>> RecentAsync(int max, CancellationToken cancellationToken = default) =>
        AlarmsAsync($"SELECT {AlarmColumns} FROM alarms ORDER BY seq DESC LIMIT @max", max, cancellationToken);

    public Task<IReadOnlyList<Alarm>> UnroutableAsync(int max, CancellationToken cancellationToken = default) =>
        AlarmsAsync($"SELECT {AlarmColumns} FROM alarms WHERE cardinality(channels) = 0 ORDER BY seq DESC LIMIT @max", max, cancellationToken);

    public Task<IReadOnlyList<Alarm>> AcknowledgedAsync(int max, CancellationToken cancellationToken = default) =>
        AlarmsAsync($"SELECT {AlarmColumns} FROM alarms WHERE ack_at IS NOT NULL ORDER BY ack_at DESC LIMIT @max", max, cancellationToken);

    private async Task<IReadOnlyList<Alarm>> AlarmsAsync(string sql, int max, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<AlarmRow>(new CommandDefinition(sql, new { max }, cancellationToken: cancellationToken))).Select(ToAlarm).ToList();
    }

    public async Task<IReadOnlyList<AlarmDelivery>> DeliveriesOfAsync(string alarmId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<DeliveryRow>(new CommandDefinition($"SELECT {DeliveryColumns} FROM deliveries WHERE alarm_id = @alarmId", new { alarmId }, cancellationToken: cancellationToken)))
            .Select(ToDelivery).OrderBy(d => d.ChannelKey, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<string>> ChannelsWithDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        // A channel another replica holds a live claim on is that replica's to work (see PostgresChannelClaims).
        return (await c.QueryAsync<string>(new CommandDefinition("""
            SELECT DISTINCT d.channel_key FROM deliveries d
            WHERE d.due AND d.next_attempt_at <= @at
              AND NOT EXISTS (SELECT 1 FROM channel_claims k WHERE k.channel_key = d.channel_key AND k.owner <> @replica AND k.expires_at > clock_timestamp())
            """, new { at = Instants.ToStored(now), replica = db.Replica }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<AlarmDelivery>> DueInChannelAsync(string channelKey, DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<DeliveryRow>(new CommandDefinition($"""
            SELECT {DeliveryColumns} FROM deliveries WHERE due AND channel_key = @channelKey AND next_attempt_at <= @at ORDER BY seq LIMIT @max
            """, new { channelKey, at = Instants.ToStored(now), max }, cancellationToken: cancellationToken))).Select(ToDelivery).ToList();
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return Instants.FromStored(await c.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT min(next_attempt_at) FROM deliveries WHERE due", cancellationToken: cancellationToken)));
    }

    public Task MarkPostedAsync(string deliveryId, string messageRef, bool showedAcknowledgement, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        // An acknowledgement that came while this card was on its way still has to show (SET reads the row as it was).
        ChangeAsync("""
            UPDATE deliveries SET state = 'Posted', message_ref = @messageRef, posted_at = @at, attempts = 0, last_error = NULL,
                needs_refresh = needs_refresh AND NOT @showed, due = needs_refresh AND NOT @showed
            WHERE id = @deliveryId
            """, new { deliveryId, messageRef, at = Instants.ToStored(at), showed = showedAcknowledgement }, cancellationToken);

    public Task MarkRefreshedAsync(string deliveryId, bool showedAcknowledgement, CancellationToken cancellationToken = default) =>
        ChangeAsync("""
            UPDATE deliveries SET attempts = 0, last_error = NULL, needs_refresh = needs_refresh AND NOT @showed, due = needs_refresh AND NOT @showed
            WHERE id = @deliveryId
            """, new { deliveryId, showed = showedAcknowledgement }, cancellationToken);

    public Task MarkRetryAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) =>
        ChangeAsync("UPDATE deliveries SET attempts = attempts + 1, last_error = @reason, next_attempt_at = @next WHERE id = @deliveryId",
            new { deliveryId, reason, next = Instants.ToStored(nextAttemptAt) }, cancellationToken);

    public Task MarkUnknownOutcomeAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) =>
        ChangeAsync("UPDATE deliveries SET attempts = attempts + 1, unknown_outcomes = unknown_outcomes + 1, last_error = @reason, next_attempt_at = @next WHERE id = @deliveryId",
            new { deliveryId, reason, next = Instants.ToStored(nextAttemptAt) }, cancellationToken);

    public Task MarkFailedAsync(string deliveryId, string reason, CancellationToken cancellationToken = default) =>
        // A posted card whose edit failed stays posted; it only stops being edited.
        ChangeAsync("""
            UPDATE deliveries SET state = CASE WHEN state = 'Posted' THEN state ELSE 'Failed' END, last_error = @reason, needs_refresh = false, due = false
            WHERE id = @deliveryId
            """, new { deliveryId, reason }, cancellationToken);

    public Task<AcknowledgeOutcome> TryAcknowledgeAsync(string alarmId, Acknowledgement acknowledgement, string? answeredMessageRef = null, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            var at = Instants.ToStored(acknowledgement.At);
            var won = await c.QuerySingleOrDefaultAsync<AlarmRow>(new CommandDefinition($"""
                UPDATE alarms SET ack_platform = @platform, ack_user_id = @userId, ack_user_name = @userName, ack_at = @at
                WHERE id = @alarmId AND ack_at IS NULL RETURNING {AlarmColumns}
                """, new { alarmId, platform = acknowledgement.By.Platform, userId = acknowledgement.By.Id, userName = acknowledgement.By.Name, at }, t, cancellationToken: cancellationToken));
            if (won is null)
            {
                var stored = await c.QuerySingleOrDefaultAsync<AlarmRow>(new CommandDefinition($"SELECT {AlarmColumns} FROM alarms WHERE id = @alarmId", new { alarmId }, t, cancellationToken: cancellationToken));
                return new AcknowledgeOutcome(false, stored is null ? null : ToAlarm(stored));
            }
            // The clicked copy is rewritten by the click's answer: editing it again would write it twice.
            await c.ExecuteAsync(new CommandDefinition($"""
                UPDATE deliveries SET needs_refresh = true, due = true,
                    attempts = CASE WHEN state = 'Posted' THEN 0 ELSE attempts END,
                    next_attempt_at = CASE WHEN state = 'Posted' THEN least(next_attempt_at, @at) ELSE next_attempt_at END
                WHERE alarm_id = @alarmId AND state <> 'Failed'
                  AND NOT (state = 'Posted' AND @answered::text IS NOT NULL AND message_ref = @answered::text);
                SELECT pg_notify('{Notifications.Work}', '');
                """, new { alarmId, at, answered = answeredMessageRef }, t, cancellationToken: cancellationToken));
            return new AcknowledgeOutcome(true, ToAlarm(won));
        }, cancellationToken);

    private async Task ChangeAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private static Alarm ToAlarm(AlarmRow d)
    {
        var category = Enum.IsDefined((AlarmCategory)d.Category) ? (AlarmCategory)d.Category : AlarmCategory.Notification;
        return new Alarm
        {
            Id = d.Id,
            Seq = d.Seq,
            ReceivedAt = Instants.FromStored(d.ReceivedAt),
            DeviceId = d.DeviceId,
            Channels = d.Channels,
            Acknowledgement = d.AckAt is { } at ? new Acknowledgement(new ChatUser(d.AckPlatform ?? "", d.AckUserId ?? "", d.AckUserName ?? ""), Instants.FromStored(at)) : null,
            Message = new IncomingAlarm
            {
                Id = d.Id,
                Source = d.Source,
                Category = category,
                Severity = Enum.TryParse<AlarmSeverity>(d.Severity, out var severity) ? severity
                    : category == AlarmCategory.Device ? AlarmSeverity.Warning : AlarmSeverity.Info,
                Title = d.Title,
                Text = d.Content,
                At = Instants.FromStored(d.RaisedAt),
                Device = string.IsNullOrEmpty(d.ProductId) || string.IsNullOrEmpty(d.DeviceName) ? null : new SourceIdentity(d.ProductId, d.DeviceName),
                DeviceAlias = d.DeviceAlias,
                FamilyId = d.FamilyId,
                FamilyName = d.FamilyName,
            },
        };
    }

    private static AlarmDelivery ToDelivery(DeliveryRow d) => new()
    {
        AlarmId = d.AlarmId,
        ChannelKey = d.ChannelKey,
        Seq = d.Seq,
        State = Enum.Parse<DeliveryState>(d.State),
        Attempts = d.Attempts,
        UnknownOutcomes = d.UnknownOutcomes,
        NextAttemptAt = Instants.FromStored(d.NextAttemptAt),
        MessageRef = d.MessageRef,
        LastError = d.LastError,
        PostedAt = Instants.FromStored(d.PostedAt),
        NeedsRefresh = d.NeedsRefresh,
    };
}
