namespace Bot.Core.Escalation;

/// <summary>
/// Where an alarm stands in one channel's escalation, for its card: <see cref="Taken"/> of <see cref="Steps"/> steps taken,
/// the last one taken and the next one due, or why it stopped (<see cref="StoppedBecause"/>: the stored reason, or the
/// alarm's own state once it is acknowledged or resolved, before the next pass records it).
/// </summary>
public sealed record EscalationProgress(int Taken, int Steps, EscalationMove? Last, EscalationMove? Next, string? StoppedBecause)
{
    /// <summary>The reason an escalation ends with when every step was taken.</summary>
    public const string AllStepsTaken = "all steps taken";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
    public const string Silenced = "silenced";
    public const string PolicyChanged = "policy changed";
    public const string AlarmGone = "alarm gone";
}
