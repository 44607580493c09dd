using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Core.Devices;
using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>
/// Alarms, deliveries and cursors in the bot's LiteDB file, in all three roles of the alarm store
/// (intake, outbox, queries). Intake and each change of an alarm's state are one write
/// (<see cref="BotDatabase.WriteAsync{T}"/>), one transaction, so a crash leaves either everything or nothing.
/// </summary>
public sealed class LiteDbAlarmStore : IAlarmIntakeStore, IAlarmOutbox, IAlarmQueries
{
    private readonly BotDatabase _db;
    private readonly ILiteCollection<AlarmDocument> _alarms;
    private readonly ILiteCollection<DeliveryDocument> _deliveries;
    private readonly ILiteCollection<CursorDocument> _cursors;
    private readonly ILiteCollection<AlarmChangeDocument> _changes;

    public LiteDbAlarmStore(BotDatabase db)
    {
        _db = db;
        _alarms = db.Collection<AlarmDocument>(AlarmCollections.Alarms);
        _deliveries = db.Collection<DeliveryDocument>(AlarmCollections.Deliveries);
        _cursors = db.Collection<CursorDocument>(AlarmCollections.Cursors);
        _changes = db.Collection<AlarmChangeDocument>(AlarmCollections.Changes);
        _alarms.EnsureIndex(a => a.Seq);
        _alarms.EnsureIndex(a => a.Routed);
        _alarms.EnsureIndex(a => a.AckAt);
        _deliveries.EnsureIndex(d => d.AlarmId);
        // Replaced by the index of when due deliveries fall due (an index costs every write of a delivery).
        _deliveries.DropIndex(nameof(DeliveryDocument.Due));
        _deliveries.EnsureIndex(DueAtIndex, DueAt);
        _deliveries.EnsureIndex(d => d.ChannelKey);
        _deliveries.EnsureIndex(DueInChannelIndex, DueChannelKey);
        _changes.EnsureIndex(c => c.AlarmId);
        _alarms.EnsureIndex(ChannelsIndex, "$.Channels[*]");
        _alarms.EnsureIndex(a => a.DeviceId);
        db.WriteAsync(RecordEarlierAcknowledgements).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Alarms acknowledged before states were kept: their state becomes Acknowledged and their acknowledgement the first
    /// entry of their history (channel unknown). Runs once per alarm (afterwards the state is set); other old alarms read as Firing.
    /// </summary>
    private void RecordEarlierAcknowledgements()
    {
        foreach (var alarm in _alarms.Find(a => a.AckAt != null && a.State == null).ToList())
        {
            alarm.State = nameof(AlarmState.Acknowledged);
            alarm.Version = 1;
            alarm.LastTransition = nameof(AlarmTransition.Acknowledge);
            (alarm.LastPlatform, alarm.LastUserId, alarm.LastUserName, alarm.LastChannel, alarm.LastAt) =
                (alarm.AckPlatform, alarm.AckUserId, alarm.AckUserName, "", alarm.AckAt);
            _alarms.Update(alarm);
            _changes.Upsert(new AlarmChangeDocument
            {
                Id = AlarmChangeDocument.IdOf(alarm.Id, 1), AlarmId = alarm.Id, Version = 1,
                Transition = nameof(AlarmTransition.Acknowledge), From = nameof(AlarmState.Firing), To = nameof(AlarmState.Acknowledged),
                Platform = alarm.AckPlatform ?? "", UserId = alarm.AckUserId ?? "", UserName = alarm.AckUserName ?? "", ChannelKey = "", At = alarm.AckAt ?? 0,
            });
        }
    }

    /// <summary>
    /// The index of due deliveries by channel: a delivery's channel while it is due, null once it is not. A channel's
    /// due read seeks its key here and touches only the deliveries still to post or edit, never the channel's history.
    /// </summary>
    internal const string DueInChannelIndex = "dueInChannel";
    private static readonly BsonExpression DueChannelKey = BsonExpression.Create("IIF($.Due = true, $.ChannelKey, null)");

    /// <summary>
    /// The index of when due deliveries are next attempted: a delivery's next attempt while it is due, null once it is
    /// not. The dispatcher's "when is the next one due" reads its first key, not every due delivery.
    /// </summary>
    internal const string DueAtIndex = "dueAt";
    private static readonly BsonExpression DueAt = BsonExpression.Create("IIF($.Due = true, $.NextAttemptAt, null)");

    public Task<string?> CursorAsync(string source, CancellationToken cancellationToken = default) =>
        Task.FromResult(_cursors.FindById(source)?.Value);

    public Task<IReadOnlyDictionary<string, string>> CursorsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(_cursors.FindAll().ToDictionary(c => c.Id, c => c.Value, StringComparer.Ordinal));

    public Task<IntakeResult> TakeAsync(string source, IReadOnlyList<NewAlarm> oldestFirst, string cursor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        return _db.WriteAsync(() =>
        {
            var known = 0;
            var seq = LastSeq();
            var alarms = new List<AlarmDocument>(oldestFirst.Count);
            var deliveries = new List<DeliveryDocument>(oldestFirst.Count);
            // Ids are compared as the database compares them (without case).
            var inPage = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var alarm in oldestFirst)
            {
                if (!inPage.Add(alarm.Message.Id) || _alarms.FindById(alarm.Message.Id) is not null) { known++; continue; }
                seq++;
                alarms.Add(ToDocument(alarm, seq, now));
                foreach (var channel in alarm.Channels)
                    deliveries.Add(new DeliveryDocument
                    {
                        Id = AlarmDelivery.IdOf(alarm.Message.Id, channel),
                        AlarmId = alarm.Message.Id,
                        ChannelKey = channel,
                        Seq = seq,
                        State = alarm.Held ? nameof(DeliveryState.Held) : nameof(DeliveryState.Pending),
                        Due = !alarm.Held,
                        NextAttemptAt = Instants.ToStored(now),
                    });
            }
            // One insert per collection for the page: LiteDB's per-call set-up cost as much as the documents.
            if (alarms.Count > 0) _alarms.Insert(alarms);
            if (deliveries.Count > 0) _deliveries.Insert(deliveries);
            _cursors.Upsert(new CursorDocument { Id = source, Value = cursor });
            return new IntakeResult(alarms.Count, known);
        });
    }

    /// <summary>The highest sequence number given so far (0: none): the first key of the <c>Seq</c> index, not a count of every alarm.</summary>
    private long LastSeq() => _alarms.Query().OrderByDescending(a => a.Seq).Select(a => a.Seq).Limit(1).FirstOrDefault();

    public Task<Alarm?> FindAsync(string alarmId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_alarms.FindById(alarmId) is { } d ? ToAlarm(d) : null);

    public Task<IReadOnlyList<Alarm>> RecentAsync(int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Alarm>>(_alarms.Query().OrderByDescending(a => a.Seq).Limit(max).ToList().Select(ToAlarm).ToList());

    public Task<IReadOnlyList<Alarm>> UnroutableAsync(int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Alarm>>(_alarms.Query().Where(a => a.Routed == false).OrderByDescending(a => a.Seq).Limit(max).ToList().Select(ToAlarm).ToList());

    public Task<IReadOnlyList<Alarm>> AcknowledgedAsync(int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Alarm>>(_alarms.Query().Where(a => a.AckAt != null).OrderByDescending(a => a.AckAt).Limit(max).ToList().Select(ToAlarm).ToList());

    public Task<IReadOnlyList<AlarmDelivery>> DeliveriesOfAsync(string alarmId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AlarmDelivery>>(_deliveries.Find(d => d.AlarmId == alarmId).OrderBy(d => d.ChannelKey, StringComparer.Ordinal).Select(ToDelivery).ToList());

    public Task<IReadOnlyList<string>> ChannelsWithDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // This runs whenever new alarms arrive or a lane ends, with thousands due in a storm: it steps from channel to
        // channel along the index of due deliveries by channel, reading the first delivery due by now in each, rather
        // than every due delivery; all on one snapshot.
        var at = Instants.ToStored(now);
        return Task.FromResult<IReadOnlyList<string>>(_db.Read(() =>
        {
            var channels = new List<string>();
            for (var after = ""; NextChannelWithDue(after, at) is { } channel; after = channel) channels.Add(channel);
            return channels;
        }));
    }

    /// <summary>The first channel after <paramref name="after"/>, in the order of <see cref="DueInChannelIndex"/>, with a delivery due by <paramref name="at"/>.</summary>
    private string? NextChannelWithDue(string after, long at) =>
        ChannelsAfter(after, at).Limit(1).FirstOrDefault()?.ChannelKey;

    /// <summary>The due deliveries of the channels after <paramref name="after"/>, in index order (internal so its plan can be checked).</summary>
    internal ILiteQueryable<DeliveryDocument> ChannelsAfter(string after, long at) =>
        _deliveries.Query()
            .Where(BsonExpression.Create($"{DueChannelKey.Source} > @0", after))
            .Where(d => d.NextAttemptAt <= at)
            .OrderBy(DueChannelKey);

    public Task<IReadOnlyList<AlarmDelivery>> DueInChannelAsync(string channelKey, DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var at = Instants.ToStored(now);
        return Task.FromResult<IReadOnlyList<AlarmDelivery>>(Oldest(DueInChannel(channelKey, at).ToEnumerable(), max).Select(ToDelivery).ToList());
    }

    /// <summary>The channel's due read, by <see cref="DueInChannelIndex"/> (internal so its plan can be checked).</summary>
    /// <remarks>
    /// Unordered: the oldest are picked by <see cref="Oldest"/>. LiteDB's ORDER BY takes a new 800 KB sort buffer for
    /// every query, on the large object heap; run for every lane's batch during an alarm storm it allocated gigabytes
    /// and drove the bot's resident memory up (README, "Memory").
    /// </remarks>
    internal ILiteQueryable<DeliveryDocument> DueInChannel(string channelKey, long at) =>
        _deliveries.Query()
            .Where(BsonExpression.Create($"{DueChannelKey.Source} = @0", channelKey))
            .Where(d => d.NextAttemptAt <= at);

    /// <summary>The <paramref name="max"/> deliveries of lowest <see cref="DeliveryDocument.Seq"/>, oldest first, holding no more than that many at a time.</summary>
    internal static List<DeliveryDocument> Oldest(IEnumerable<DeliveryDocument> deliveries, int max)
    {
        if (max <= 0) return [];
        // The newest kept is at the head, so a newer one is refused at once and an older one takes its place.
        var kept = new PriorityQueue<DeliveryDocument, (long Seq, string Id)>(Comparer<(long Seq, string Id)>.Create((a, b) =>
            b.Seq != a.Seq ? b.Seq.CompareTo(a.Seq) : string.CompareOrdinal(b.Id, a.Id)));
        foreach (var delivery in deliveries)
        {
            var key = (delivery.Seq, delivery.Id);
            if (kept.Count < max) kept.Enqueue(delivery, key);
            else if (kept.TryPeek(out _, out var newest) && kept.Comparer.Compare(key, newest) > 0) kept.DequeueEnqueue(delivery, key);
        }
        var oldest = new List<DeliveryDocument>(kept.Count);
        while (kept.TryDequeue(out var delivery, out _)) oldest.Add(delivery);
        oldest.Reverse();
        return oldest;
    }

    public Task<IReadOnlyDictionary<string, int>> QueuedAsync(CancellationToken cancellationToken = default)
    {
        // Only the two fields of the index are read from each due delivery, not whole deliveries.
        var queued = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var channel in _deliveries.Query().Where(BsonExpression.Create($"{DueChannelKey.Source} >= @0", "")).Select(d => d.ChannelKey).ToEnumerable())
            queued[channel] = queued.GetValueOrDefault(channel) + 1;
        return Task.FromResult<IReadOnlyDictionary<string, int>>(queued);
    }

    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Instants.FromStored(EarliestDue().Limit(1).FirstOrDefault()?.NextAttemptAt));

    /// <summary>Due deliveries, earliest first, by <see cref="DueAtIndex"/>: the first is read without touching the rest (internal so its plan can be checked).</summary>
    internal ILiteQueryable<DeliveryDocument> EarliestDue() =>
        _deliveries.Query()
            .Where(BsonExpression.Create($"{DueAt.Source} >= @0", long.MinValue))
            .OrderBy(DueAt);

    public Task MarkPostedAsync(string deliveryId, string messageRef, long shownVersion, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Change(deliveryId, d =>
        {
            d.State = nameof(DeliveryState.Posted);
            d.MessageRef = messageRef;
            d.PostedAt = Instants.ToStored(at);
            d.Attempts = 0;
            d.LastError = null;
            // A change that came while this card was on its way still has to show; the card itself shows those before.
            d.NeedsRefresh = d.NeedsRefresh && d.RefreshVersion > shownVersion;
            d.LoggedVersion = Math.Max(d.LoggedVersion, shownVersion);
            d.Due = StillDue(d);
        });

    public Task MarkRefreshedAsync(string deliveryId, long shownVersion, CancellationToken cancellationToken = default) =>
        Change(deliveryId, d =>
        {
            d.Attempts = 0;
            d.LastError = null;
            d.NeedsRefresh = d.NeedsRefresh && d.RefreshVersion > shownVersion;
            d.Due = StillDue(d);
        });

    public Task MarkLoggedAsync(string deliveryId, long loggedVersion, CancellationToken cancellationToken = default) =>
        Change(deliveryId, d =>
        {
            d.Attempts = 0;
            d.LastError = null;
            d.LoggedVersion = Math.Max(d.LoggedVersion, loggedVersion);
            d.Due = StillDue(d);
        });

    // A posted card is due while it needs an edit or its thread a line.
    private static bool StillDue(DeliveryDocument d) => d.NeedsRefresh || d.LogVersion > d.LoggedVersion;

    public Task MarkRetryAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) =>
        Change(deliveryId, d =>
        {
            d.Attempts++;
            d.LastError = reason;
            d.NextAttemptAt = Instants.ToStored(nextAttemptAt);
        });

    public Task MarkUnknownOutcomeAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) =>
        Change(deliveryId, d =>
        {
            d.Attempts++;
            d.UnknownOutcomes++;
            d.LastError = reason;
            d.NextAttemptAt = Instants.ToStored(nextAttemptAt);
        });

    public Task MarkFailedAsync(string deliveryId, string reason, CancellationToken cancellationToken = default) =>
        Change(deliveryId, d =>
        {
            // A posted card whose edit failed stays posted; it only stops being edited.
            if (d.State != nameof(DeliveryState.Posted)) d.State = nameof(DeliveryState.Failed);
            d.LastError = reason;
            d.NeedsRefresh = false;
            d.Due = false;
        });

    public Task<AlarmChangeOutcome> TryChangeStateAsync(AlarmChange change, string? answeredMessageRef = null, CancellationToken cancellationToken = default)
    {
        return _db.WriteAsync(() =>
        {
            if (_alarms.FindById(change.AlarmId) is not { } alarm) return new AlarmChangeOutcome(false, null);
            var from = StateOf(alarm);
            if (!change.Transition.Allows(from) || change.ExpectedFrom is { } expected && expected != from) return new AlarmChangeOutcome(false, ToAlarm(alarm));
            var at = Instants.ToStored(change.At);
            var to = change.Transition.To();
            alarm.State = to.ToString();
            alarm.Version++;
            alarm.LastTransition = change.Transition.ToString();
            (alarm.LastPlatform, alarm.LastUserId, alarm.LastUserName, alarm.LastChannel, alarm.LastAt) =
                (change.By.Platform, change.By.Id, change.By.Name, change.ChannelKey, at);
            if (change.Transition == AlarmTransition.Acknowledge)
                (alarm.AckPlatform, alarm.AckUserId, alarm.AckUserName, alarm.AckAt) = (change.By.Platform, change.By.Id, change.By.Name, at);
            else if (to == AlarmState.Firing)
                (alarm.AckPlatform, alarm.AckUserId, alarm.AckUserName, alarm.AckAt) = (null, null, null, null);
            _alarms.Update(alarm);
            _changes.Insert(new AlarmChangeDocument
            {
                Id = AlarmChangeDocument.IdOf(alarm.Id, alarm.Version), AlarmId = alarm.Id, Version = alarm.Version,
                Transition = change.Transition.ToString(), From = from.ToString(), To = to.ToString(),
                Platform = change.By.Platform, UserId = change.By.Id, UserName = change.By.Name, ChannelKey = change.ChannelKey, At = at,
            });
            foreach (var delivery in _deliveries.Find(d => d.AlarmId == change.AlarmId).ToList())
            {
                if (delivery.State == nameof(DeliveryState.Failed)) continue;
                // Every copy's thread gets the change's line; the clicked copy is rewritten by the click's answer, so
                // editing it again would write it twice.
                if (change.LogInThread) delivery.LogVersion = alarm.Version;
                var answered = answeredMessageRef is not null && delivery.State == nameof(DeliveryState.Posted) && delivery.MessageRef == answeredMessageRef;
                if (!answered)
                {
                    delivery.NeedsRefresh = true;
                    delivery.RefreshVersion = alarm.Version;
                }
                if (answered && !change.LogInThread) continue;
                delivery.Due = true;
                if (delivery.State == nameof(DeliveryState.Posted))
                {
                    delivery.Attempts = 0;
                    delivery.NextAttemptAt = Math.Min(delivery.NextAttemptAt, at);
                }
                _deliveries.Update(delivery);
            }
            return new AlarmChangeOutcome(true, ToAlarm(alarm));
        });
    }

    /// <summary>Every channel an alarm goes to (a multikey index): a channel's alarms are read without the others'.</summary>
    internal const string ChannelsIndex = "channels";

    public Task<IReadOnlyList<Alarm>> InChannelAsync(string channelKey, DateTimeOffset? resolvedSince, int max, CancellationToken cancellationToken = default)
    {
        var since = Instants.ToStored(resolvedSince);
        var alarms = _alarms.Query()
            .Where(BsonExpression.Create("$.Channels[*] ANY = @0", channelKey))
            .OrderByDescending(a => a.Seq)
            .ToEnumerable()
            .Where(a => StateOf(a) != AlarmState.Resolved || since is { } s && a.LastAt >= s)
            .Take(max)
            .Select(ToAlarm)
            .ToList();
        return Task.FromResult<IReadOnlyList<Alarm>>(alarms);
    }

    public Task<IReadOnlyDictionary<string, int>> HeldByChannelAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var (start, end) = (Instants.ToStored(from), Instants.ToStored(to));
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var alarm in _alarms.Find(a => a.DeviceId == deviceId).Where(a => a.Held && a.ReceivedAt >= start && a.ReceivedAt < end))
            foreach (var delivery in _deliveries.Find(d => d.AlarmId == alarm.Id).Where(d => d.State == nameof(DeliveryState.Held)))
                counts[delivery.ChannelKey] = counts.GetValueOrDefault(delivery.ChannelKey) + 1;
        return Task.FromResult<IReadOnlyDictionary<string, int>>(counts);
    }

    public Task<IReadOnlyList<AlarmChange>> HistoryAsync(string alarmId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AlarmChange>>(_changes.Find(c => c.AlarmId == alarmId).OrderBy(c => c.Version).Select(ToChange).ToList());

    private static AlarmState StateOf(AlarmDocument d) =>
        Enum.TryParse<AlarmState>(d.State, out var state) ? state : d.AckAt is null ? AlarmState.Firing : AlarmState.Acknowledged;

    private static AlarmChange ToChange(AlarmChangeDocument c) =>
        new(c.AlarmId, Enum.Parse<AlarmTransition>(c.Transition), new ChatUser(c.Platform, c.UserId, c.UserName), c.ChannelKey, Instants.FromStored(c.At))
        {
            From = Enum.Parse<AlarmState>(c.From),
            To = Enum.Parse<AlarmState>(c.To),
            Version = c.Version,
        };

    private Task Change(string deliveryId, Action<DeliveryDocument> change) =>
        _db.WriteAsync(() =>
        {
            if (_deliveries.FindById(deliveryId) is not { } d) return;
            change(d);
            _deliveries.Update(d);
        });

    private static AlarmDocument ToDocument(NewAlarm alarm, long seq, DateTimeOffset now)
    {
        var m = alarm.Message;
        return new AlarmDocument
        {
            Id = m.Id,
            Source = m.Source,
            Seq = seq,
            Category = (int)m.Category,
            Severity = m.Severity.ToString(),
            Title = m.Title,
            Content = m.Text,
            Timestamp = Instants.ToStored(m.At),
            ProductId = m.Device?.ProductId ?? "",
            DeviceName = m.Device?.DeviceName ?? "",
            DeviceAlias = m.DeviceAlias,
            FamilyId = m.FamilyId,
            FamilyName = m.FamilyName,
            ReceivedAt = Instants.ToStored(now),
            DeviceId = alarm.DeviceId,
            Channels = alarm.Channels.ToList(),
            Routed = alarm.Channels.Count > 0,
            Held = alarm.Held,
        };
    }

    private static Alarm ToAlarm(AlarmDocument d)
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
            State = StateOf(d),
            Version = d.Version,
            Held = d.Held,
            LastChange = d.LastAt is { } lastAt && Enum.TryParse<AlarmTransition>(d.LastTransition, out var last)
                ? new AlarmChange(d.Id, last, new ChatUser(d.LastPlatform ?? "", d.LastUserId ?? "", d.LastUserName ?? ""), d.LastChannel ?? "", Instants.FromStored(lastAt))
                    { To = StateOf(d), Version = d.Version }
                : null,
            Message = new IncomingAlarm
            {
                Id = d.Id,
                Source = d.Source,
                Category = category,
                // Alarms stored before severities were kept: a device alarm was the one warning.
                Severity = Enum.TryParse<AlarmSeverity>(d.Severity, out var severity) ? severity
                    : category == AlarmCategory.Device ? AlarmSeverity.Warning : AlarmSeverity.Info,
                Title = d.Title,
                Text = d.Content,
                At = Instants.FromStored(d.Timestamp),
                Device = string.IsNullOrEmpty(d.ProductId) || string.IsNullOrEmpty(d.DeviceName) ? null : new SourceIdentity(d.ProductId, d.DeviceName),
                DeviceAlias = d.DeviceAlias,
                FamilyId = d.FamilyId,
                FamilyName = d.FamilyName,
            },
        };
    }

    private static AlarmDelivery ToDelivery(DeliveryDocument d) => new()
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
