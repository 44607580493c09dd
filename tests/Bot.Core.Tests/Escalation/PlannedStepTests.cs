using Bot.Core.Escalation;

namespace Bot.Core.Tests.Escalation;

public sealed class PlannedStepTests
{
    [Fact]
    public void Repeat_writes_the_previous_step_out_every_M_minutes_K_times_in_time_order()
    {
        var plan = PlannedStep.Expand(
        [
            new() { AfterMinutes = 5, Do = EscalationAction.NotifyOnCall },
            new() { Do = EscalationAction.Repeat, EveryMinutes = 5, Times = 2 },
            new() { AfterMinutes = 12, Do = EscalationAction.PostToChannel, Channel = "slack:C0ESC" },
        ]);

        Assert.Equal(
        [
            new PlannedStep(TimeSpan.FromMinutes(5), EscalationAction.NotifyOnCall, null),
            new PlannedStep(TimeSpan.FromMinutes(10), EscalationAction.NotifyOnCall, null),
            new PlannedStep(TimeSpan.FromMinutes(12), EscalationAction.PostToChannel, "slack:C0ESC"),
            new PlannedStep(TimeSpan.FromMinutes(15), EscalationAction.NotifyOnCall, null),
        ], plan);
    }

    [Fact]
    public void A_repeat_with_nothing_before_it_or_no_interval_adds_nothing() =>
        Assert.Empty(PlannedStep.Expand([new() { Do = EscalationAction.Repeat, EveryMinutes = 5, Times = 3 }]));

    [Fact]
    public void A_channel_of_its_own_uses_its_policy_and_others_the_default()
    {
        var options = new EscalationOptions
        {
            Steps = [new() { AfterMinutes = 5, Do = EscalationAction.NotifyOnCall }],
            Channels = [new() { Channel = "slack:C1", Steps = [] }],
        };
        Assert.Empty(options.PlanFor("slack:C1"));
        Assert.Single(options.PlanFor("slack:C2"));
    }
}
