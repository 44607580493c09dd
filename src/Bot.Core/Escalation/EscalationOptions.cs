namespace Bot.Core.Escalation;

/// <summary>Settings section <c>Alarms:Escalation</c>: the default policy and channels' own ones. No steps: no escalation.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Alarms:Escalation";

    public List<EscalationStepOptions> Steps { get; set; } = [];
    public List<EscalationChannelPolicy> Channels { get; set; } = [];

    /// <summary>How often due steps are looked for.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The channel's policy as a timeline of concrete steps (repeats written out).</summary>
    public IReadOnlyList<PlannedStep> PlanFor(string channelKey) =>
        PlannedStep.Expand(Channels.FirstOrDefault(c => string.Equals(c.Channel, channelKey, StringComparison.Ordinal))?.Steps ?? Steps);
}
