namespace Bot.Core.Alarms;

/// <summary>Where an alarm stands in chat: raised and unanswered, someone is on it, or done.</summary>
public enum AlarmState
{
    Firing,
    Acknowledged,
    Resolved,
}
