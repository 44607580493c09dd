namespace Bot.Core.Alarms;

/// <summary>One page of the message list, newest first; <c>ListOver</c>: nothing further back.</summary>
public sealed record AlarmPage(IReadOnlyList<AlarmMessage> Messages, bool ListOver);

/// <summary>Where alarms come from (Tencent's AppGetMessages). Throws on any fault; the poller retries.</summary>
public interface IAlarmSource
{
    /// <summary>The newest messages of <paramref name="category"/>, or those older than <paramref name="before"/>.</summary>
    Task<AlarmPage> ReadAsync(int category, AlarmPosition? before, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// Alarms, their deliveries (the outbox), acknowledgements and the per-category cursors.
/// The "never twice" and "first one wins" rules are the store's: unique keys and atomic updates.
/// </summary>
public interface IAlarmStore
{
    Task<AlarmPosition?> CursorAsync(int category, CancellationToken cancellationToken = default);
    Task<IReadOnlyDictionary<int, AlarmPosition>> CursorsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: stores each alarm not yet known (by MsgID) with one pending delivery per
    /// channel, and moves the category's cursor to <paramref name="cursor"/>. All or nothing.
    /// </summary>
    Task<IntakeResult> TakeAsync(int category, IReadOnlyList<NewAlarm> oldestFirst, AlarmPosition cursor, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task<Alarm?> FindAsync(string alarmId, CancellationToken cancellationToken = default);
    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Alarm>> RecentAsync(int max, CancellationToken cancellationToken = default);
    /// <summary>Alarms no channel was mapped for, newest first.</summary>
    Task<IReadOnlyList<Alarm>> UnroutableAsync(int max, CancellationToken cancellationToken = default);
    /// <summary>Acknowledged alarms, latest acknowledgement first.</summary>
    Task<IReadOnlyList<Alarm>> AcknowledgedAsync(int max, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AlarmDelivery>> DeliveriesOfAsync(string alarmId, CancellationToken cancellationToken = default);
    /// <summary>Deliveries to post or to edit whose time has come, oldest alarm first.</summary>
    Task<IReadOnlyList<AlarmDelivery>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);
    /// <summary>The channels that have a delivery due by <paramref name="now"/>.</summary>
    Task<IReadOnlyList<string>> ChannelsWithDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
    /// <summary>One channel's deliveries due by <paramref name="now"/>, oldest alarm first (read by the channel's index).</summary>
    Task<IReadOnlyList<AlarmDelivery>> DueInChannelAsync(string channelKey, DateTimeOffset now, int max, CancellationToken cancellationToken = default);
    /// <summary>When the next delivery falls due (null: none waiting).</summary>
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default);

    /// <summary><paramref name="showedAcknowledgement"/>: the posted card already shows the acknowledgement, so no edit is needed.</summary>
    Task MarkPostedAsync(string deliveryId, string messageRef, bool showedAcknowledgement, DateTimeOffset at, CancellationToken cancellationToken = default);
    Task MarkRefreshedAsync(string deliveryId, bool showedAcknowledgement, CancellationToken cancellationToken = default);
    Task MarkRetryAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default);
    /// <summary>Posting gave up (or an edit did: then the delivery stays posted and only stops being refreshed).</summary>
    Task MarkFailedAsync(string deliveryId, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically records the first acknowledgement and marks every delivery of the alarm for an edit, except the
    /// posted one whose message is <paramref name="answeredMessageRef"/> (the click's answer already shows the new state).
    /// </summary>
    Task<AcknowledgeOutcome> TryAcknowledgeAsync(string alarmId, Acknowledgement acknowledgement, string? answeredMessageRef = null, CancellationToken cancellationToken = default);
}

public interface IFamilyMappingStore
{
    /// <summary>Returns false when the mapping already existed.</summary>
    Task<bool> MapAsync(string channelKey, string familyId, CancellationToken cancellationToken = default);
    Task<bool> UnmapAsync(string channelKey, string familyId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<string>> ChannelsOfAsync(string familyId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<FamilyMapping>> AllAsync(CancellationToken cancellationToken = default);
}
