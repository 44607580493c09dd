namespace Bot.Core.Cards;

/// <summary>
/// The verbs a card's buttons carry. Every surface maps its click back to (verb, id):
/// Teams' Action.Execute verb, Slack's action_id, the web chat's action data.
/// </summary>
public static class CardVerbs
{
    /// <summary>Start a call to a device (id = device id): from the device list and alarm cards.</summary>
    public const string CallStart = "call.start";
    /// <summary>Confirm a pending call (id = pending call id).</summary>
    public const string CallConfirm = "call.confirm";
    public const string CallCancel = "call.cancel";
    /// <summary>Try a failed call again (id = call id).</summary>
    public const string CallRetry = "call.retry";
    /// <summary>Acknowledge an alarm (id = alarm id).</summary>
    public const string AlarmAcknowledge = "alarm.ack";

    public static bool IsKnown(string verb) =>
        verb is CallStart or CallConfirm or CallCancel or CallRetry or AlarmAcknowledge;
}
