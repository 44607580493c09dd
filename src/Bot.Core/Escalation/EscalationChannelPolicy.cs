namespace Bot.Core.Escalation;

/// <summary>A channel's own policy, instead of the default one (a list item, since channel keys hold colons).</summary>
public sealed class EscalationChannelPolicy
{
    public string Channel { get; set; } = "";
    public List<EscalationStepOptions> Steps { get; set; } = [];
}
