namespace Bot.Core.Escalation;

/// <summary>A concrete step of a channel's policy: at <see cref="After"/> since the card was posted, do <see cref="Do"/>.</summary>
public sealed record PlannedStep(TimeSpan After, EscalationAction Do, string? Channel)
{
    /// <summary>Writes repeats out (the previous concrete step, every M minutes, K times) and orders the steps by time.</summary>
    public static IReadOnlyList<PlannedStep> Expand(IEnumerable<EscalationStepOptions> steps)
    {
        var plan = new List<PlannedStep>();
        foreach (var step in steps)
        {
            if (step.Do != EscalationAction.Repeat)
            {
                plan.Add(new PlannedStep(TimeSpan.FromMinutes(Math.Max(0, step.AfterMinutes)), step.Do, step.Channel));
                continue;
            }
            if (plan.Count == 0 || step.EveryMinutes <= 0) continue;
            var previous = plan[^1];
            for (var i = 1; i <= Math.Min(step.Times, 100); i++)
                plan.Add(previous with { After = previous.After + TimeSpan.FromMinutes(step.EveryMinutes * i) });
        }
        return plan.OrderBy(p => p.After).ToList();
    }
}
