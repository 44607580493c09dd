namespace Bot.Core.Alarms;

/// <summary>Reading stored alarms and their deliveries (the dispatcher and the admin API).</summary>
public interface IAlarmQueries
{
    Task<Alarm?> FindAsync(string alarmId, CancellationToken cancellationToken = default);
    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Alarm>> RecentAsync(int max, CancellationToken cancellationToken = default);
    /// <summary>Alarms no channel was mapped for, newest first.</summary>
    Task<IReadOnlyList<Alarm>> UnroutableAsync(int max, CancellationToken cancellationToken = default);
    /// <summary>Acknowledged alarms, latest acknowledgement first.</summary>
    Task<IReadOnlyList<Alarm>> AcknowledgedAsync(int max, CancellationToken cancellationToken = default);
    /// <summary>
    /// The alarms delivered (or held back) to <paramref name="channelKey"/> that are open (Firing or Acknowledged), and with
    /// <paramref name="resolvedSince"/> also those resolved at or after it; newest first, at most <paramref name="max"/>.
    /// </summary>
    Task<IReadOnlyList<Alarm>> InChannelAsync(string channelKey, DateTimeOffset? resolvedSince, int max, CancellationToken cancellationToken = default);
    /// <summary>How many alarms of <paramref name="deviceId"/> received in [<paramref name="from"/>, <paramref name="to"/>) were held back, by channel.</summary>
    Task<IReadOnlyDictionary<string, int>> HeldByChannelAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
    /// <summary>An alarm's changes of state, oldest first.</summary>
    Task<IReadOnlyList<AlarmChange>> HistoryAsync(string alarmId, CancellationToken cancellationToken = default);
    /// <summary>An alarm's deliveries by channel key.</summary>
    Task<IReadOnlyList<AlarmDelivery>> DeliveriesOfAsync(string alarmId, CancellationToken cancellationToken = default);
}
