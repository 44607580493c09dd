using Bot.Core.Channels;

namespace Bot.Core.Alarms;

/// <summary>
/// A message taken from Tencent: stored once (by MsgID) with the channels it goes to.
/// No channels means nobody is mapped for it: kept and listed for the admin, never dropped.
/// </summary>
public sealed record Alarm
{
    /// <summary>Tencent's MsgID: the identity that keeps a message from being posted twice.</summary>
    public required string Id { get; init; }
    public required AlarmMessage Message { get; init; }
    /// <summary>Intake order across all categories (oldest first); deliveries are posted in this order.</summary>
    public long Seq { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary>The bot's device the message was matched to by Tencent productId + deviceName.</summary>
    public string? DeviceId { get; init; }
    public IReadOnlyList<string> Channels { get; init; } = [];
    public Acknowledgement? Acknowledgement { get; init; }

    public bool Routed => Channels.Count > 0;
}

/// <summary>Who acknowledged an alarm first, and when.</summary>
public sealed record Acknowledgement(ChatUser By, DateTimeOffset At);

public enum DeliveryState
{
    /// <summary>Stored, not yet posted (or posting will be retried at <see cref="AlarmDelivery.NextAttemptAt"/>).</summary>
    Pending,
    /// <summary>Posted; <see cref="AlarmDelivery.MessageRef"/> identifies the message for edits.</summary>
    Posted,
    /// <summary>Given up on, with the reason.</summary>
    Failed,
}

/// <summary>One alarm's card in one channel: the outbox entry the dispatcher works through.</summary>
public sealed record AlarmDelivery
{
    public required string AlarmId { get; init; }
    public required string ChannelKey { get; init; }
    public long Seq { get; init; }
    public DeliveryState State { get; init; }
    public int Attempts { get; init; }
    public DateTimeOffset NextAttemptAt { get; init; }
    public string? MessageRef { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? PostedAt { get; init; }
    /// <summary>The posted card no longer shows the alarm as it stands (it was acknowledged): edit it.</summary>
    public bool NeedsRefresh { get; init; }

    public string Id => IdOf(AlarmId, ChannelKey);

    public static string IdOf(string alarmId, string channelKey) => $"{alarmId}|{channelKey}";
}

/// <summary>A message on its way into the store, with where it goes.</summary>
public sealed record NewAlarm(AlarmMessage Message, string? DeviceId, IReadOnlyList<string> Channels);

public sealed record IntakeResult(int Stored, int AlreadyKnown);

/// <summary><c>Applied</c>: this acknowledgement is the first; otherwise <c>Alarm</c> shows who was (null: no such alarm).</summary>
public sealed record AcknowledgeOutcome(bool Applied, Alarm? Alarm);

/// <summary>A family ↔ channel mapping: family (category 2) messages of the family go to the channel.</summary>
public sealed record FamilyMapping(string ChannelKey, string FamilyId);
