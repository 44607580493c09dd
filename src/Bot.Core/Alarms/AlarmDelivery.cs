namespace Bot.Core.Alarms;

/// <summary>One alarm's card in one channel: the outbox entry the dispatcher works through.</summary>
public sealed record AlarmDelivery
{
    public required string AlarmId { get; init; }
    public required string ChannelKey { get; init; }
    public long Seq { get; init; }
    public DeliveryState State { get; init; }
    public int Attempts { get; init; }
    /// <summary>Posts whose outcome was unknown (they may have arrived); one of them is posted again, no more.</summary>
    public int UnknownOutcomes { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public string? MessageRef { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? PostedAt { get; init; }
    /// <summary>The posted card no longer shows the alarm as it stands (it was acknowledged): edit it.</summary>
    public bool NeedsRefresh { get; init; }
    /// <summary>The alarm version whose changes the card's thread has lines for; below the alarm's version, lines are due.</summary>
    public long LoggedVersion { get; init; }

    public string Id => IdOf(AlarmId, ChannelKey);

    public static string IdOf(string alarmId, string channelKey) => $"{alarmId}|{channelKey}";
}
