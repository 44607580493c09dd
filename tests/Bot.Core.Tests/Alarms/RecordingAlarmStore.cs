using Bot.Core.Alarms;

namespace Bot.Core.Tests.Alarms;

/// <summary>Only what the intake and the acknowledger use; everything else is not part of these tests.</summary>
internal sealed class RecordingAlarmStore : IAlarmIntakeStore, IAlarmOutbox, IAlarmQueries
{
    public Dictionary<string, string> Cursors { get; } = [];
    public List<(string Source, IReadOnlyList<NewAlarm> Alarms, string Cursor)> Takes { get; } = [];
    public Dictionary<string, Alarm> Alarms { get; } = [];

    public Task<string?> CursorAsync(string source, CancellationToken cancellationToken = default) =>
        Task.FromResult(Cursors.GetValueOrDefault(source));

    public Task<IntakeResult> TakeAsync(string source, IReadOnlyList<NewAlarm> oldestFirst, string cursor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Takes.Add((source, oldestFirst, cursor));
        Cursors[source] = cursor;
        var stored = 0;
        foreach (var a in oldestFirst)
            if (Alarms.TryAdd(a.Message.Id, new Alarm { Id = a.Message.Id, Message = a.Message, DeviceId = a.DeviceId, Channels = a.Channels })) stored++;
        return Task.FromResult(new IntakeResult(stored, oldestFirst.Count - stored));
    }

    public List<AlarmChange> Changes { get; } = [];

    public Task<AlarmChangeOutcome> TryChangeStateAsync(AlarmChange change, string? answeredMessageRef = null, CancellationToken cancellationToken = default)
    {
        if (!Alarms.TryGetValue(change.AlarmId, out var alarm)) return Task.FromResult(new AlarmChangeOutcome(false, null));
        if (!change.Transition.Allows(alarm.State) || change.ExpectedFrom is { } expected && expected != alarm.State) return Task.FromResult(new AlarmChangeOutcome(false, alarm));
        var applied = change with { From = alarm.State, To = change.Transition.To(), Version = alarm.Version + 1 };
        Changes.Add(applied);
        var acknowledgement = change.Transition == AlarmTransition.Acknowledge ? new Acknowledgement(change.By, change.At)
            : applied.To == AlarmState.Firing ? null : alarm.Acknowledgement;
        Alarms[change.AlarmId] = alarm with { State = applied.To, Version = applied.Version, LastChange = applied, Acknowledgement = acknowledgement };
        return Task.FromResult(new AlarmChangeOutcome(true, Alarms[change.AlarmId]));
    }

    public Task<IReadOnlyList<AlarmChange>> HistoryAsync(string alarmId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AlarmChange>>(Changes.Where(c => c.AlarmId == alarmId).ToList());

    /// <summary>One delivery per channel the alarm was routed to.</summary>
    public Task<IReadOnlyList<AlarmDelivery>> DeliveriesOfAsync(string alarmId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AlarmDelivery>>(Alarms.TryGetValue(alarmId, out var alarm)
            ? alarm.Channels.Select(c => new AlarmDelivery { AlarmId = alarmId, ChannelKey = c }).ToList()
            : []);

    public Task<Alarm?> FindAsync(string alarmId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyDictionary<string, int>> HeldByChannelAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<Alarm>> InChannelAsync(string channelKey, DateTimeOffset? resolvedSince, int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<Alarm>> RecentAsync(int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<Alarm>> UnroutableAsync(int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<Alarm>> AcknowledgedAsync(int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyDictionary<string, string>> CursorsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyDictionary<string, int>> QueuedAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<string>> ChannelsWithDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<AlarmDelivery>> DueInChannelAsync(string channelKey, DateTimeOffset now, int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkPostedAsync(string deliveryId, string messageRef, long shownVersion, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkRefreshedAsync(string deliveryId, long shownVersion, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkLoggedAsync(string deliveryId, long loggedVersion, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkRetryAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkUnknownOutcomeAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkFailedAsync(string deliveryId, string reason, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
