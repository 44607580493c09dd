using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Npgsql;
using NpgsqlTypes;

namespace Bot.Storage.Postgres;

/// <summary>
/// Alarms, deliveries and cursors in PostgreSQL, in all three roles of the alarm store. The intake is one transaction
/// (alarms by <c>INSERT … ON CONFLICT DO NOTHING</c> on the message id, their deliveries, the cursor); a change of
/// state is one transaction: the <c>UPDATE … WHERE state = ANY(…)</c> of the locked row (version bumped), its history row,
/// and every other copy marked for an edit. Both announce new work to the
/// other replicas (<see cref="Notifications.Work"/>) when they commit.
/// </summary>
public sealed class PostgresAlarmStore(PostgresDatabase db) : IAlarmIntakeStore, IAlarmOutbox, IAlarmQueries
{
    private const string AlarmColumns = AlarmRow.Columns;
    private const string DeliveryColumns = DeliveryRow.Columns;

    // One alarm and its deliveries; nothing at all when the id is known. Answers 1 when stored.
    private const string TakeOne = $"""
        WITH a AS (
            INSERT INTO alarms ({AlarmColumns}) VALUES (@id, @source, nextval('alarm_seq'), @category, @severity, @title, @content, @raised_at, @product_id,
                @device_name, @device_alias, @family_id, @family_name, @received_at, @device_id, @channels, NULL, NULL, NULL, NULL,
                'Firing', 0, NULL, NULL, NULL, NULL, NULL, NULL, @held)
            ON CONFLICT (id) DO NOTHING RETURNING id, seq),
        d AS (
            INSERT INTO deliveries (id, alarm_id, channel_key, seq, state, due, next_attempt_at)
            SELECT a.id || '|' || c.key, a.id, c.key, a.seq, CASE WHEN @held THEN 'Held' ELSE 'Pending' END, NOT @held, @received_at FROM a CROSS JOIN unnest(@channels) AS c(key)
            RETURNING 1)
        SELECT count(*)::int FROM a
        """;

    public async Task<string?> CursorAsync(string source, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command("SELECT value FROM alarm_cursors WHERE source = @source").With("source", source).SingleOrDefaultAsync(r => r.GetString(0), cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> CursorsAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command("SELECT source, value FROM alarm_cursors").ListAsync(r => (Source: r.GetString(0), Value: r.GetString(1)), cancellationToken))
            .ToDictionary(r => r.Source, r => r.Value, StringComparer.Ordinal);
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
            if (stored > 0) await c.Command($"SELECT pg_notify('{Notifications.Work}', '')", t).ExecuteAsync(cancellationToken);
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
        p.AddWithValue("held", alarm.Held);
        p.Add(new NpgsqlParameter("channels", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = alarm.Channels.ToArray() });
        return command;
    }

    public async Task<Alarm?> FindAsync(string alarmId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        var row = await c.Command($"SELECT {AlarmColumns} FROM alarms WHERE id = @alarmId").With("alarmId", alarmId).SingleOrDefaultAsync(AlarmRow.Read, cancellationToken);
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
        return (await c.Command(sql).With("max", max).ListAsync(AlarmRow.Read, cancellationToken)).Select(ToAlarm).ToList();
    }

    public async Task<IReadOnlyList<AlarmDelivery>> DeliveriesOfAsync(string alarmId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command($"SELECT {DeliveryColumns} FROM deliveries WHERE alarm_id = @alarmId").With("alarmId", alarmId).ListAsync(DeliveryRow.Read, cancellationToken))
            .Select(ToDelivery).OrderBy(d => d.ChannelKey, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<string>> ChannelsWithDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        // A channel another replica holds a live claim on is that replica's to work (see PostgresChannelClaims).
        return await c.Command("""
            SELECT DISTINCT d.channel_key FROM deliveries d
            WHERE d.due AND d.next_attempt_at <= @at
              AND NOT EXISTS (SELECT 1 FROM channel_claims k WHERE k.channel_key = d.channel_key AND k.owner <> @replica AND k.expires_at > clock_timestamp())
            """).With("at", Instants.ToStored(now)).With("replica", db.Replica).ListAsync(r => r.GetString(0), cancellationToken);
    }

    public async Task<IReadOnlyList<AlarmDelivery>> DueInChannelAsync(string channelKey, DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command($"""
            SELECT {DeliveryColumns} FROM deliveries WHERE due AND channel_key = @channelKey AND next_attempt_at <= @at ORDER BY seq LIMIT @max
            """).With("channelKey", channelKey).With("at", Instants.ToStored(now)).With("max", max).ListAsync(DeliveryRow.Read, cancellationToken)).Select(ToDelivery).ToList();
    }

    public async Task<IReadOnlyDictionary<string, int>> QueuedAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command("SELECT channel_key, count(*) FROM deliveries WHERE due GROUP BY channel_key")
                .ListAsync(r => (Channel: r.GetString(0), Count: r.GetInt64(1)), cancellationToken))
            .ToDictionary(r => r.Channel, r => (int)Math.Min(r.Count, int.MaxValue), StringComparer.Ordinal);
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return Instants.FromStored(await c.Command("SELECT min(next_attempt_at) FROM deliveries WHERE due").ScalarAsync<long?>(cancellationToken));
    }

    public Task MarkPostedAsync(string deliveryId, string messageRef, long shownVersion, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        // A change that came while this card was on its way still has to show (SET reads the row as it was).
        ChangeAsync("""
            UPDATE deliveries SET state = 'Posted', message_ref = @messageRef, posted_at = @at, attempts = 0, last_error = NULL,
                needs_refresh = needs_refresh AND refresh_version > @shown, logged_version = greatest(logged_version, @shown),
                due = (needs_refresh AND refresh_version > @shown) OR log_version > greatest(logged_version, @shown)
            WHERE id = @deliveryId
            """, command => command.With("deliveryId", deliveryId).With("messageRef", messageRef).With("at", Instants.ToStored(at)).With("shown", shownVersion), cancellationToken);

    public Task MarkRefreshedAsync(string deliveryId, long shownVersion, CancellationToken cancellationToken = default) =>
        ChangeAsync("""
            UPDATE deliveries SET attempts = 0, last_error = NULL,
                needs_refresh = needs_refresh AND refresh_version > @shown,
                due = (needs_refresh AND refresh_version > @shown) OR log_version > logged_version
            WHERE id = @deliveryId
            """, command => command.With("deliveryId", deliveryId).With("shown", shownVersion), cancellationToken);

    // A posted card is due while it needs an edit or its thread a line.
    public Task MarkLoggedAsync(string deliveryId, long loggedVersion, CancellationToken cancellationToken = default) =>
        ChangeAsync("""
            UPDATE deliveries SET attempts = 0, last_error = NULL, logged_version = greatest(logged_version, @logged),
                due = needs_refresh OR log_version > greatest(logged_version, @logged)
            WHERE id = @deliveryId
            """, command => command.With("deliveryId", deliveryId).With("logged", loggedVersion), cancellationToken);

    public Task MarkRetryAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) =>
        ChangeAsync("UPDATE deliveries SET attempts = attempts + 1, last_error = @reason, next_attempt_at = @next WHERE id = @deliveryId",
            command => command.With("deliveryId", deliveryId).With("reason", reason).With("next", Instants.ToStored(nextAttemptAt)), cancellationToken);

    public Task MarkUnknownOutcomeAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) =>
        ChangeAsync("UPDATE deliveries SET attempts = attempts + 1, unknown_outcomes = unknown_outcomes + 1, last_error = @reason, next_attempt_at = @next WHERE id = @deliveryId",
            command => command.With("deliveryId", deliveryId).With("reason", reason).With("next", Instants.ToStored(nextAttemptAt)), cancellationToken);

    public Task MarkFailedAsync(string deliveryId, string reason, CancellationToken cancellationToken = default) =>
        // A posted card whose edit failed stays posted; it only stops being edited.
        ChangeAsync("""
            UPDATE deliveries SET state = CASE WHEN state = 'Posted' THEN state ELSE 'Failed' END, last_error = @reason, needs_refresh = false, due = false
            WHERE id = @deliveryId
            """, command => command.With("deliveryId", deliveryId).With("reason", reason), cancellationToken);

    public Task<AlarmChangeOutcome> TryChangeStateAsync(AlarmChange change, string? answeredMessageRef = null, CancellationToken cancellationToken = default) =>
        db.InTransactionAsync(async (c, t) =>
        {
            // The compare-and-set: the row is locked, and changed only when its state is one the transition leaves from.
            var from = Enum.GetValues<AlarmState>().Where(s => change.Transition.Allows(s) && (change.ExpectedFrom is not { } expected || expected == s))
                .Select(s => s.ToString()).ToArray();
            var to = change.Transition.To();
            var at = Instants.ToStored(change.At);
            // Acknowledge records who; back to Firing forgets it; Resolve keeps it.
            var ack = change.Transition == AlarmTransition.Acknowledge ? "set" : to == AlarmState.Firing ? "clear" : "keep";
            var won = await c.Command($"""
                WITH old AS (SELECT id, state FROM alarms WHERE id = @alarmId FOR UPDATE)
                UPDATE alarms a SET state = @to, version = a.version + 1, last_transition = @transition, last_platform = @platform,
                    last_user_id = @userId, last_user_name = @userName, last_channel = @channel, last_at = @at,
                    ack_platform = CASE @ack WHEN 'set' THEN @platform WHEN 'clear' THEN NULL ELSE a.ack_platform END,
                    ack_user_id = CASE @ack WHEN 'set' THEN @userId WHEN 'clear' THEN NULL ELSE a.ack_user_id END,
                    ack_user_name = CASE @ack WHEN 'set' THEN @userName WHEN 'clear' THEN NULL ELSE a.ack_user_name END,
                    ack_at = CASE @ack WHEN 'set' THEN @at WHEN 'clear' THEN NULL ELSE a.ack_at END
                FROM old WHERE a.id = old.id AND old.state = ANY(@from)
                RETURNING old.state AS from_state, {Prefixed("a")}
                """, t)
                .With("alarmId", change.AlarmId).With("to", to.ToString()).With("transition", change.Transition.ToString()).With("platform", change.By.Platform)
                .With("userId", change.By.Id).With("userName", change.By.Name).With("channel", change.ChannelKey).With("at", at).With("ack", ack).With("from", from)
                .SingleOrDefaultAsync(ChangedRow, cancellationToken);
            if (won is null)
            {
                var stored = await c.Command($"SELECT {AlarmColumns} FROM alarms WHERE id = @alarmId", t).With("alarmId", change.AlarmId).SingleOrDefaultAsync(AlarmRow.Read, cancellationToken);
                return new AlarmChangeOutcome(false, stored is null ? null : ToAlarm(stored));
            }
            // The clicked copy is rewritten by the click's answer: editing it again would write it twice.
            await c.Command($"""
                INSERT INTO alarm_changes (alarm_id, version, transition, from_state, to_state, platform, user_id, user_name, channel_key, at)
                VALUES (@alarmId, @version, @transition, @fromState, @to, @platform, @userId, @userName, @channel, @at);
                WITH copies AS (
                    SELECT id, (state = 'Posted' AND @answered::text IS NOT NULL AND message_ref = @answered::text) AS answered
                    FROM deliveries WHERE alarm_id = @alarmId AND state <> 'Failed')
                UPDATE deliveries d SET
                    log_version = CASE WHEN @log THEN @version ELSE d.log_version END,
                    needs_refresh = CASE WHEN copies.answered THEN d.needs_refresh ELSE true END,
                    refresh_version = CASE WHEN copies.answered THEN d.refresh_version ELSE @version END,
                    due = true,
                    attempts = CASE WHEN d.state = 'Posted' THEN 0 ELSE d.attempts END,
                    next_attempt_at = CASE WHEN d.state = 'Posted' THEN least(d.next_attempt_at, @at) ELSE d.next_attempt_at END
                FROM copies WHERE d.id = copies.id AND (NOT copies.answered OR @log);
                SELECT pg_notify('{Notifications.Work}', '');
                """, t)
                .With("alarmId", change.AlarmId).With("version", won.Version).With("transition", change.Transition.ToString()).With("fromState", won.FromState)
                .With("to", to.ToString()).With("platform", change.By.Platform).With("userId", change.By.Id).With("userName", change.By.Name)
                .With("channel", change.ChannelKey).With("at", at).With("answered", answeredMessageRef).With("log", change.LogInThread)
                .ExecuteAsync(cancellationToken);
            return new AlarmChangeOutcome(true, ToAlarm(won));
        }, cancellationToken);

    public async Task<IReadOnlyList<AlarmChange>> HistoryAsync(string alarmId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command("SELECT alarm_id, version, transition, from_state, to_state, platform, user_id, user_name, channel_key, at FROM alarm_changes WHERE alarm_id = @alarmId ORDER BY version")
            .With("alarmId", alarmId)
            .ListAsync(r => new AlarmChange(r.GetString(0), Enum.Parse<AlarmTransition>(r.GetString(2)), new ChatUser(r.GetString(5), r.GetString(6), r.GetString(7)), r.GetString(8), Instants.FromStored(r.GetInt64(9)))
            {
                From = Enum.Parse<AlarmState>(r.GetString(3)),
                To = Enum.Parse<AlarmState>(r.GetString(4)),
                Version = r.GetInt64(1),
            }, cancellationToken);
    }

    public async Task<IReadOnlyList<Alarm>> InChannelAsync(string channelKey, DateTimeOffset? resolvedSince, int max, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command($"""
            SELECT {AlarmColumns} FROM alarms
            WHERE @channelKey = ANY(channels) AND (state <> 'Resolved' OR (@since::bigint IS NOT NULL AND last_at >= @since::bigint))
            ORDER BY seq DESC LIMIT @max
            """).With("channelKey", channelKey).With("since", Instants.ToStored(resolvedSince)).With("max", max).ListAsync(AlarmRow.Read, cancellationToken)).Select(ToAlarm).ToList();
    }

    public async Task<IReadOnlyDictionary<string, int>> HeldByChannelAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command("""
            SELECT d.channel_key, count(*)::int FROM alarms a JOIN deliveries d ON d.alarm_id = a.id
            WHERE a.held AND a.device_id = @deviceId AND a.received_at >= @from AND a.received_at < @to AND d.state = 'Held'
            GROUP BY d.channel_key
            """).With("deviceId", deviceId).With("from", Instants.ToStored(from)).With("to", Instants.ToStored(to))
                .ListAsync(r => (Channel: r.GetString(0), Count: r.GetInt32(1)), cancellationToken))
            .ToDictionary(r => r.Channel, r => r.Count, StringComparer.Ordinal);
    }

    // A change's answer: the state it left, then the alarm as it is now.
    private static AlarmRow ChangedRow(NpgsqlDataReader r)
    {
        var row = AlarmRow.Read(r, 1);
        row.FromState = r.GetString(0);
        return row;
    }

    private static string Prefixed(string table) => string.Join(", ", AlarmColumns.Split(", ").Select(c => $"{table}.{c}"));

    private async Task ChangeAsync(string sql, Func<NpgsqlCommand, NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await bind(c.Command(sql)).ExecuteAsync(cancellationToken);
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
            State = Enum.Parse<AlarmState>(d.State),
            Version = d.Version,
            Held = d.Held,
            LastChange = d.LastAt is { } lastAt && Enum.TryParse<AlarmTransition>(d.LastTransition, out var last)
                ? new AlarmChange(d.Id, last, new ChatUser(d.LastPlatform ?? "", d.LastUserId ?? "", d.LastUserName ?? ""), d.LastChannel ?? "", Instants.FromStored(lastAt))
                    { To = Enum.Parse<AlarmState>(d.State), Version = d.Version }
                : null,
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
        LoggedVersion = d.LoggedVersion,
    };
}
