namespace Bot.Core.Alarms;

/// <summary>How urgent an alarm is, as its source judges it; shown on the card.</summary>
public enum AlarmSeverity
{
    Info,
    Warning,
}
