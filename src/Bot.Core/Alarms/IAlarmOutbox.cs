namespace Bot.Core.Alarms;

/// <summary>
/// The deliveries still to post or to edit, and what happened to each. Acknowledging marks every copy
/// of the alarm for an edit in the same write, so the "first one wins" rule is the store's.
/// </summary>
public interface IAlarmOutbox
{
    /// <summary>The channels that have a delivery due by <paramref name="now"/>.</summary>
    Task<IReadOnlyList<string>> ChannelsWithDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
    /// <summary>One channel's deliveries due by <paramref name="now"/>, oldest alarm first. Reads only deliveries still due (by an index of them), never the channel's history of posted cards.</summary>
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
