using Bot.Core.Storms;

namespace Bot.Core.Storage;

/// <summary>Storm cards: a device's alarms beyond the threshold folded into one card per channel.</summary>
public interface IStormStore
{
    /// <summary>
    /// Decides in one write whether the delivery's alarm folds: when the device had <paramref name="threshold"/> alarms or more
    /// in the channel within <paramref name="window"/> before <paramref name="at"/> (or a storm there is still going), the alarm
    /// joins the storm and its delivery is marked posted into the storm card (<see cref="Storm.RefOf"/>); otherwise it is counted and
    /// posts a card of its own. Asking again for the same delivery gives the same answer.
    /// </summary>
    async Task<bool> FoldIntoStormAsync(string deliveryId, string alarmId, string channelKey, string deviceId, DateTimeOffset at, int threshold, TimeSpan window, CancellationToken cancellationToken = default) =>
        await FoldIntoStormAsync(deliveryId, alarmId, channelKey, deviceId, at, threshold, window, mayFold: true, cancellationToken) == StormFold.Folded;
    /// <summary>
    /// As the overload above; with <paramref name="mayFold"/> false (its channel is behind), an alarm that would start a storm or
    /// join one going on is declined (<see cref="StormFold.Declined"/>, nothing written); one within its device's threshold is counted as ever.
    /// </summary>
    Task<StormFold> FoldIntoStormAsync(string deliveryId, string alarmId, string channelKey, string deviceId, DateTimeOffset at, int threshold, TimeSpan window, bool mayFold, CancellationToken cancellationToken = default);
    /// <summary>
    /// Folds the waiting cards of <paramref name="entries"/> into the channel's backlog summary in one write: the summary whose
    /// latest alarm is within <paramref name="window"/> before <paramref name="at"/>, or a new one (<see cref="Storm.BacklogIdOf"/>
    /// of its first alarm). Only deliveries still pending fold; each is marked posted into the summary (<see cref="Storm.RefOf"/>).
    /// Returns how many folded (asking again for the same deliveries folds none of them twice).
    /// </summary>
    Task<int> FoldIntoBacklogAsync(string channelKey, IReadOnlyList<BacklogEntry> entries, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken = default);
    /// <summary>Storms whose card is still to post or shows fewer alarms than it holds, with their edit due by <paramref name="now"/>.</summary>
    Task<IReadOnlyList<Storm>> StormsToShowAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
    /// <summary>The storm's card shows <paramref name="shownCount"/> alarms (its message is <paramref name="messageRef"/>); the next edit not before <paramref name="nextEditAt"/>.</summary>
    Task MarkStormShownAsync(string stormId, string messageRef, int shownCount, DateTimeOffset nextEditAt, CancellationToken cancellationToken = default);
    Task<Storm?> FindStormAsync(string stormId, CancellationToken cancellationToken = default);
}
