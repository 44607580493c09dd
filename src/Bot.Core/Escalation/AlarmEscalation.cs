namespace Bot.Core.Escalation;

/// <summary>
/// Where one alarm stands in one channel's policy: the index of its next step and when it falls due (null: over,
/// <see cref="EndedBecause"/> says why). Stored, so a restart picks it up where it was.
/// </summary>
public sealed record AlarmEscalation(string Id, string AlarmId, string ChannelKey, DateTimeOffset StartedAt, int NextStep, int Steps, DateTimeOffset? DueAt, string? EndedBecause)
{
    public static string IdOf(string alarmId, string channelKey) => $"{alarmId}|{channelKey}";
}
