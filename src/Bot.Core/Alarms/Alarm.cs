namespace Bot.Core.Alarms;

/// <summary>
/// An alarm taken from a source: stored once (by its id) with the channels it goes to.
/// No channels means nobody is mapped for it: kept and listed for the admin, never dropped.
/// </summary>
public sealed record Alarm
{
    /// <summary>The source's message id: the identity that keeps an alarm from being posted twice.</summary>
    public required string Id { get; init; }
    public required IncomingAlarm Message { get; init; }
    /// <summary>Intake order across all sources (oldest first); deliveries are posted in this order.</summary>
    public long Seq { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    /// <summary>The bot's device the alarm was matched to by the device's source identity.</summary>
    public string? DeviceId { get; init; }
    public IReadOnlyList<string> Channels { get; init; } = [];
    /// <summary>The latest acknowledgement (kept when the alarm is resolved, cleared when it is unacknowledged or reopened).</summary>
    public Acknowledgement? Acknowledgement { get; init; }

    /// <summary>Firing, Acknowledged or Resolved. Alarms stored before states were kept read as Acknowledged when acknowledged.</summary>
    public AlarmState State
    {
        get => _state ?? (Acknowledgement is null ? AlarmState.Firing : AlarmState.Acknowledged);
        init => _state = value;
    }

    /// <summary>Counts the alarm's changes: a card built from version n shows every change up to n.</summary>
    public long Version { get; init; }

    /// <summary>The change that left the alarm as it is (null: nobody has moved it yet).</summary>
    public AlarmChange? LastChange { get; init; }

    private readonly AlarmState? _state;

    /// <summary>It came while its device was silenced: its cards were held back (shown grey where listed).</summary>
    public bool Held { get; init; }

    public bool Routed => Channels.Count > 0;
}
