namespace Bot.Core.Integrations;

/// <summary>
/// What this process simulates instead of calling for real, by health-check name. Production registers
/// <see cref="None"/>; only the playground registers more, so nothing simulated can pass for the real thing:
/// call cards and <c>/readyz</c> say so whenever <see cref="IsOn"/>.
/// </summary>
public sealed record Simulation(IReadOnlyList<string> Integrations)
{
    public static readonly Simulation None = new([]);

    public bool IsOn => Integrations.Count > 0;

    public bool Covers(string integration) => Integrations.Contains(integration, StringComparer.Ordinal);
}
