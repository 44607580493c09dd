namespace Bot.Core.Alarms;

/// <summary>A person's move on an alarm card; which states it leaves from and goes to is <see cref="AlarmTransitions"/>.</summary>
public enum AlarmTransition
{
    /// <summary>Firing → Acknowledged.</summary>
    Acknowledge,
    /// <summary>Acknowledged → Firing.</summary>
    Unacknowledge,
    /// <summary>Firing or Acknowledged → Resolved.</summary>
    Resolve,
    /// <summary>Resolved → Firing.</summary>
    Reopen,
}
