namespace Bot.Core.Cards;

/// <summary>
/// The verbs a card's buttons carry. Every surface maps its click back to (verb, id):
/// an Action.Execute verb, a block action's id, the web chat's action data. Each verb has one
/// registered <see cref="ICardActionHandler"/>; which verbs are known is decided by <see cref="CardActions"/>.
/// </summary>
public static class CardVerbs
{
    /// <summary>Start a call to a device (id = device id): from the device list and alarm cards.</summary>
    public const string CallStart = "call.start";
    /// <summary>Confirm a call waiting for confirmation (id = call id).</summary>
    public const string CallConfirm = "call.confirm";
    /// <summary>Cancel a call waiting for confirmation (id = call id).</summary>
    public const string CallCancel = "call.cancel";
    /// <summary>Try a failed call again (id = call id).</summary>
    public const string CallRetry = "call.retry";
    /// <summary>Acknowledge an alarm (id = alarm id).</summary>
    public const string AlarmAcknowledge = "alarm.ack";
    /// <summary>Acknowledge every alarm of a storm card (id = storm id).</summary>
    public const string StormAcknowledge = "storm.ack";
    /// <summary>Resolve every alarm of a storm card (id = storm id).</summary>
    public const string StormResolve = "storm.resolve";
    /// <summary>Take back an acknowledgement: the alarm is firing again (id = alarm id).</summary>
    public const string AlarmUnacknowledge = "alarm.unack";
    /// <summary>Resolve a firing or acknowledged alarm (id = <c>alarmId|State</c>, the state the card showed; a bare alarm id resolves from either).</summary>
    public const string AlarmResolve = "alarm.resolve";
    /// <summary>Reopen a resolved alarm: it is firing again (id = alarm id).</summary>
    public const string AlarmReopen = "alarm.reopen";
    /// <summary>Silence the alarm's device for a while (id = <c>alarmId|minutes</c>: 30, 60, 240 or 1440).</summary>
    public const string AlarmSilence = "alarm.silence";
    /// <summary>Show a page of the channel's alarm list (id = <c>open:n</c> or <c>all:n</c>).</summary>
    public const string AlarmList = "alarm.list";
}
