namespace Bot.Core.Alarms;

/// <summary>
/// The deliveries still to post or to edit, and what happened to each. A change of an alarm's state marks every copy
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
    /// <summary>How many deliveries each channel still has to post or edit, due now or waiting for a retry (channels with none are left out).</summary>
    Task<IReadOnlyDictionary<string, int>> QueuedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// <paramref name="shownVersion"/>: the <see cref="Alarm.Version"/> the posted card was built from; an edit asked for by a
    /// later change stays due, one the card already shows does not.
    /// </summary>
    Task MarkPostedAsync(string deliveryId, string messageRef, long shownVersion, DateTimeOffset at, CancellationToken cancellationToken = default);
    /// <summary>As <see cref="MarkPostedAsync"/> for an edit: the card now shows <paramref name="shownVersion"/>.</summary>
    Task MarkRefreshedAsync(string deliveryId, long shownVersion, CancellationToken cancellationToken = default);
    /// <summary>The card's thread has a line for every change up to <paramref name="loggedVersion"/> (or they were left out).</summary>
    Task MarkLoggedAsync(string deliveryId, long loggedVersion, CancellationToken cancellationToken = default);
    Task MarkRetryAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default);
    /// <summary>As <see cref="MarkRetryAsync"/>, and counts a post whose outcome is unknown (it may have arrived).</summary>
    Task MarkUnknownOutcomeAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default);
    /// <summary>Posting gave up (or an edit did: then the delivery stays posted and only stops being refreshed).</summary>
    Task MarkFailedAsync(string deliveryId, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Compare-and-set of the alarm's state: applies <paramref name="change"/> only if its transition fits the state the
    /// alarm is in (<see cref="AlarmTransitions.Allows"/>), and in the same write records it in the alarm's history
    /// (with the alarm's new version) and marks every delivery of the alarm for an edit, except the posted one whose
    /// message is <paramref name="answeredMessageRef"/> (the click's answer already shows the new state).
    /// </summary>
    Task<AlarmChangeOutcome> TryChangeStateAsync(AlarmChange change, string? answeredMessageRef = null, CancellationToken cancellationToken = default);
}
