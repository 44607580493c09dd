namespace Bot.Core.Alarms;

/// <summary><c>Applied</c>: this acknowledgement is the first; otherwise <c>Alarm</c> shows who was (null: no such alarm).</summary>
public sealed record AcknowledgeOutcome(bool Applied, Alarm? Alarm);
