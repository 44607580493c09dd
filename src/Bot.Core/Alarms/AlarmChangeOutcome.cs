namespace Bot.Core.Alarms;

/// <summary>
/// <c>Applied</c>: the change was made (it fitted the alarm's state); otherwise <c>Alarm</c> shows the state
/// someone else left it in and who did (<see cref="Alarm.LastChange"/>). <c>Alarm</c> null: no such alarm.
/// </summary>
public sealed record AlarmChangeOutcome(bool Applied, Alarm? Alarm);
