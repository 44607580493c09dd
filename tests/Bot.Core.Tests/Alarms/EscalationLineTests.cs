using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Escalation;
using Bot.Core.Text;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Alarms;

/// <summary>The card's escalation line, in both languages, times in the configured zone (Asia/Shanghai here).</summary>
public sealed class EscalationLineTests
{
    private static readonly DateTimeOffset Posted = DateTimeOffset.Parse("2026-11-22T06:00:00Z");   // 14:00 in Shanghai
    private readonly AlarmCards _cards = new(TestAlarms.Clock(new FakeTimeProvider()));

    private static EscalationProgress Midway => new(2, 3,
        new EscalationMove(EscalationAction.NotifyOnCall, null, Posted.AddMinutes(5)),
        new EscalationMove(EscalationAction.PostToChannel, "ops", Posted.AddMinutes(15)), null);

    [Fact]
    public void A_running_escalation_shows_the_last_step_and_the_next()
    {
        Assert.Equal("step 2 of 3 — on-call notified 14:05; next: post to #ops at 14:15", _cards.EscalationLine(Midway, Texts.English));
        Assert.Equal("第 2/3 步 — 14:05 已通知值班人员;下一步:14:15 发到 #ops", _cards.EscalationLine(Midway, Texts.Chinese));
    }

    [Fact]
    public void A_stopped_or_finished_escalation_says_so_instead_of_a_next_step()
    {
        var acknowledged = Midway with { Next = null, StoppedBecause = EscalationProgress.Acknowledged };
        Assert.Equal("step 2 of 3 — on-call notified 14:05; stopped: acknowledged", _cards.EscalationLine(acknowledged, Texts.English));
        Assert.Equal("第 2/3 步 — 14:05 已通知值班人员;已停止:已确认", _cards.EscalationLine(acknowledged, Texts.Chinese));
        var done = new EscalationProgress(3, 3, new EscalationMove(EscalationAction.PostToChannel, "ops", Posted.AddMinutes(15)), null, EscalationProgress.AllStepsTaken);
        Assert.Equal("step 3 of 3 — posted to #ops 14:15; all steps taken", _cards.EscalationLine(done, Texts.English));
        var silencedEarly = new EscalationProgress(0, 3, null, null, EscalationProgress.Silenced);
        Assert.Equal("stopped: device silenced", _cards.EscalationLine(silencedEarly, Texts.English));
    }

    [Fact]
    public void The_card_carries_the_line_as_a_fact_and_names_the_on_call_people_for_mentions()
    {
        var m = TestAlarms.Incoming(1, AlarmCategory.Device, productId: "22F9Y6II7O", deviceName: "light1");
        var reply = _cards.Build(new Alarm { Id = "1", Message = m }, FakeDirectory.Lamp, Texts.English, [new("U0BOB", "Bob")], Midway);

        var facts = reply.Card.Body.OfType<FactSet>().Single().Facts;
        Assert.Equal(CardMarkdown.Escape("step 2 of 3 — on-call notified 14:05; next: post to #ops at 14:15"), facts.Single(f => f.Title == "Escalation").Value);
        Assert.Equal([new MentionedPerson("U0BOB", "Bob")], facts.Single(f => f.Title == "On call").People);
        Assert.DoesNotContain(_cards.Build(new Alarm { Id = "1", Message = m }, FakeDirectory.Lamp, Texts.English).Card.Body.OfType<FactSet>().Single().Facts, f => f.Title == "Escalation");
    }
}
