namespace Bot.Core.Alarms;

/// <summary>
/// The alarm's state machine. Stores apply it inside their compare-and-set (<see cref="IAlarmOutbox.TryChangeStateAsync"/>),
/// so a transition that no longer fits (someone else moved the alarm first) is refused, never applied twice.
/// </summary>
public static class AlarmTransitions
{
    public static bool Allows(this AlarmTransition transition, AlarmState from) => transition switch
    {
        AlarmTransition.Acknowledge => from == AlarmState.Firing,
        AlarmTransition.Unacknowledge => from == AlarmState.Acknowledged,
        AlarmTransition.Resolve => from is AlarmState.Firing or AlarmState.Acknowledged,
        AlarmTransition.Reopen => from == AlarmState.Resolved,
        _ => false,
    };

    public static AlarmState To(this AlarmTransition transition) => transition switch
    {
        AlarmTransition.Acknowledge => AlarmState.Acknowledged,
        AlarmTransition.Resolve => AlarmState.Resolved,
        _ => AlarmState.Firing,
    };

    /// <summary>Firing or Acknowledged: still someone's work (what <c>alarms</c> lists).</summary>
    public static bool IsOpen(this AlarmState state) => state != AlarmState.Resolved;
}
