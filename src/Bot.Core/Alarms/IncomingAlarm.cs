using Bot.Core.Devices;

namespace Bot.Core.Alarms;

/// <summary>
/// An alarm as a source hands it to the <see cref="AlarmIntake"/>, in the Core's words. The source
/// translates its own message shape into this; the Core never sees the source's wire format.
/// </summary>
public sealed record IncomingAlarm
{
    /// <summary>The source's id of the message: stored once by it, so it must not repeat across sources.</summary>
    public required string Id { get; init; }
    /// <summary>The source's name (the one it reports health under).</summary>
    public required string Source { get; init; }
    public required AlarmCategory Category { get; init; }
    public AlarmSeverity Severity { get; init; }
    public string Title { get; init; } = "";
    public string Text { get; init; } = "";
    /// <summary>When the source raised it.</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary>The device the alarm names, as the source knows it (routes device alarms); null when it names none.</summary>
    public SourceIdentity? Device { get; init; }
    /// <summary>The source's display name of the device, shown when the bot does not know the device.</summary>
    public string DeviceAlias { get; init; } = "";
    public string FamilyId { get; init; } = "";
    public string FamilyName { get; init; } = "";
}
