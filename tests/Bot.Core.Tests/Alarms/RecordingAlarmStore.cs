using Bot.Core.Alarms;

namespace Bot.Core.Tests.Alarms;

/// <summary>Only what the intake and the acknowledger use; everything else is not part of these tests.</summary>
internal sealed class RecordingAlarmStore : IAlarmIntakeStore, IAlarmOutbox
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

    public Task<AcknowledgeOutcome> TryAcknowledgeAsync(string alarmId, Acknowledgement acknowledgement, string? answeredMessageRef = null, CancellationToken cancellationToken = default)
    {
        if (!Alarms.TryGetValue(alarmId, out var alarm)) return Task.FromResult(new AcknowledgeOutcome(false, null));
        if (alarm.Acknowledgement is not null) return Task.FromResult(new AcknowledgeOutcome(false, alarm));
        Alarms[alarmId] = alarm with { Acknowledgement = acknowledgement };
        return Task.FromResult(new AcknowledgeOutcome(true, Alarms[alarmId]));
    }

    public Task<IReadOnlyDictionary<string, string>> CursorsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<string>> ChannelsWithDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<AlarmDelivery>> DueInChannelAsync(string channelKey, DateTimeOffset now, int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkPostedAsync(string deliveryId, string messageRef, bool showedAcknowledgement, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkRefreshedAsync(string deliveryId, bool showedAcknowledgement, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkRetryAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkFailedAsync(string deliveryId, string reason, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
