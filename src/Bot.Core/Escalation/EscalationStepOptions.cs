namespace Bot.Core.Escalation;

/// <summary>One step of a policy as configured: "after <see cref="AfterMinutes"/> minutes without acknowledgement, do <see cref="Do"/>".</summary>
public sealed class EscalationStepOptions
{
    /// <summary>Minutes since the card was posted in the channel (ignored by <see cref="EscalationAction.Repeat"/>).</summary>
    public double AfterMinutes { get; set; }
    public EscalationAction Do { get; set; }
    /// <summary>For <see cref="EscalationAction.PostToChannel"/>: the escalation channel's key (<c>platform:id</c>).</summary>
    public string? Channel { get; set; }
    /// <summary>For <see cref="EscalationAction.Repeat"/>.</summary>
    public double EveryMinutes { get; set; }
    /// <summary>For <see cref="EscalationAction.Repeat"/>.</summary>
    public int Times { get; set; }
}
