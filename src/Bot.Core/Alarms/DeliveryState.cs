namespace Bot.Core.Alarms;

public enum DeliveryState
{
    /// <summary>Stored, not yet posted (or posting will be retried at <see cref="AlarmDelivery.NextAttemptAt"/>).</summary>
    Pending,
    /// <summary>Posted; <see cref="AlarmDelivery.MessageRef"/> identifies the message for edits.</summary>
    Posted,
    /// <summary>Given up on, with the reason.</summary>
    Failed,
    /// <summary>Held back: the alarm came while its device was silenced. Listed by <c>alarms</c>, never posted.</summary>
    Held,
}
