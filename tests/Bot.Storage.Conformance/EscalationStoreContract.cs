using Bot.Core.Alarms;
using Bot.Core.Escalation;
using Bot.Core.Storage;

namespace Bot.Storage.Conformance;

/// <summary>Escalation timers: started once, due soonest first, moved on by compare-and-set; copies of cards for escalation channels.</summary>
public abstract class EscalationStoreContract(IStoreSet stores) : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T08:00:00Z");
    private IEscalationStore _escalations = stores.Escalations;

    public void Dispose() => stores.Dispose();

    private static AlarmEscalation Escalation(string alarmId, string channelKey, DateTimeOffset dueAt) =>
        new(AlarmEscalation.IdOf(alarmId, channelKey), alarmId, channelKey, Now, 0, 3, dueAt, null);

    private static NewAlarm Alarm(string id, params string[] channels) =>
        new(new IncomingAlarm { Id = id, Source = "feed", Category = AlarmCategory.Device, At = Now, Title = id }, "lamp01", channels);

    [StoreFact]
    public async Task An_escalation_starts_once_falls_due_soonest_first_and_survives_a_restart()
    {
        Assert.True(await _escalations.StartEscalationAsync(Escalation("1", "slack:C1", Now.AddMinutes(10))));
        Assert.False(await _escalations.StartEscalationAsync(Escalation("1", "slack:C1", Now.AddMinutes(1))));
        Assert.True(await _escalations.StartEscalationAsync(Escalation("2", "slack:C1", Now.AddMinutes(5))));
        Assert.True(await _escalations.StartEscalationAsync(Escalation("1", "teams:19:a", Now.AddMinutes(20))));

        stores.Reopen();
        _escalations = stores.Escalations;

        Assert.Empty(await _escalations.DueEscalationsAsync(Now.AddMinutes(4), 10));
        Assert.Equal(["2|slack:C1", "1|slack:C1"], (await _escalations.DueEscalationsAsync(Now.AddMinutes(10), 10)).Select(e => e.Id));
        Assert.Equal(["2|slack:C1"], (await _escalations.DueEscalationsAsync(Now.AddHours(1), 1)).Select(e => e.Id));
        var first = Assert.Single(await _escalations.EscalationsOfAsync("1"), e => e.ChannelKey == "slack:C1");
        Assert.Equal(Escalation("1", "slack:C1", Now.AddMinutes(10)), first);
        Assert.Equal(2, (await _escalations.EscalationsOfAsync("1")).Count);
        Assert.Empty(await _escalations.EscalationsOfAsync("3"));
    }

    [StoreFact]
    public async Task A_step_moves_on_once_and_an_ended_escalation_says_why_and_is_never_due()
    {
        var id = AlarmEscalation.IdOf("1", "slack:C1");
        await _escalations.StartEscalationAsync(Escalation("1", "slack:C1", Now));

        Assert.True(await _escalations.AdvanceEscalationAsync(id, 0, 1, Now.AddMinutes(15), "ignored while it goes on"));
        Assert.False(await _escalations.AdvanceEscalationAsync(id, 0, 1, Now.AddMinutes(15), null));
        var moved = Assert.Single(await _escalations.EscalationsOfAsync("1"));
        Assert.Equal((1, Now.AddMinutes(15), (string?)null), (moved.NextStep, moved.DueAt, moved.EndedBecause));

        // Two replicas acting on step 1 at once: one of them moves it.
        var tries = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => stores.Escalations.AdvanceEscalationAsync(id, 1, 2, null, "Acknowledged")));
        Assert.Single(tries, t => t);
        var ended = Assert.Single(await _escalations.EscalationsOfAsync("1"));
        Assert.Equal((2, (DateTimeOffset?)null, "Acknowledged"), (ended.NextStep, ended.DueAt, ended.EndedBecause));
        Assert.Empty(await _escalations.DueEscalationsAsync(Now.AddDays(1), 10));
        Assert.False(await _escalations.AdvanceEscalationAsync(id, 2, 3, Now.AddDays(1), null));
        Assert.False(await _escalations.AdvanceEscalationAsync("unknown", 0, 1, Now, null));
    }

    [StoreFact]
    public async Task A_copy_for_an_escalation_channel_is_a_pending_delivery_added_once()
    {
        await stores.Intake.TakeAsync("feed", [Alarm("1", "slack:C1")], "c", Now);

        Assert.True(await _escalations.AddEscalationCopyAsync("1", "slack:C-ESC", Now.AddMinutes(5)));
        Assert.False(await _escalations.AddEscalationCopyAsync("1", "slack:C-ESC", Now.AddMinutes(6)));
        Assert.False(await _escalations.AddEscalationCopyAsync("1", "slack:C1", Now.AddMinutes(6)));
        Assert.False(await _escalations.AddEscalationCopyAsync("unknown", "slack:C-ESC", Now));

        Assert.Empty(await stores.Outbox.DueInChannelAsync("slack:C-ESC", Now.AddMinutes(4), 10));
        var copy = Assert.Single(await stores.Outbox.DueInChannelAsync("slack:C-ESC", Now.AddMinutes(5), 10));
        var original = Assert.Single(await stores.Alarms.DeliveriesOfAsync("1"), d => d.ChannelKey == "slack:C1");
        Assert.Equal(("1", DeliveryState.Pending, original.Seq), (copy.AlarmId, copy.State, copy.Seq));
    }

    [StoreFact]
    public async Task A_step_that_edits_the_cards_moves_the_version_on_and_marks_every_posted_copy_in_the_same_write()
    {
        await stores.Intake.TakeAsync("feed", [Alarm("1", "slack:C1", "teams:19:a")], "c", Now);
        var shown = (await stores.Alarms.FindAsync("1"))!.Version;
        await stores.Outbox.MarkPostedAsync(AlarmDelivery.IdOf("1", "slack:C1"), "ts-1", shown, Now);
        await stores.Outbox.MarkPostedAsync(AlarmDelivery.IdOf("1", "teams:19:a"), "act-1", shown, Now);
        var id = AlarmEscalation.IdOf("1", "slack:C1");
        await _escalations.StartEscalationAsync(Escalation("1", "slack:C1", Now.AddMinutes(5)));
        Assert.Empty(await stores.Outbox.DueInChannelAsync("slack:C1", Now.AddMinutes(5), 10));

        var version = shown;

        // Without editCards (the stop of an acknowledged alarm) the cards are left alone.
        Assert.True(await _escalations.AdvanceEscalationAsync(id, 0, 1, Now.AddMinutes(10), null));
        Assert.Equal(version, (await stores.Alarms.FindAsync("1"))!.Version);
        Assert.All(await stores.Alarms.DeliveriesOfAsync("1"), d => Assert.False(d.NeedsRefresh));

        Assert.True(await _escalations.AdvanceEscalationAsync(id, 1, 2, null, "all steps taken", editCards: true));
        Assert.Equal(version + 1, (await stores.Alarms.FindAsync("1"))!.Version);
        Assert.All(await stores.Alarms.DeliveriesOfAsync("1"), d => Assert.True(d.NeedsRefresh, d.ChannelKey));
        Assert.Single(await stores.Outbox.DueInChannelAsync("slack:C1", Now.AddMinutes(10), 10));
        Assert.Single(await stores.Outbox.DueInChannelAsync("teams:19:a", Now.AddMinutes(10), 10));

        // An edit built from the new version settles it; one the step lost to (a compare-and-set that failed) marks nothing.
        await stores.Outbox.MarkRefreshedAsync(AlarmDelivery.IdOf("1", "slack:C1"), version + 1);
        Assert.False(Assert.Single(await stores.Alarms.DeliveriesOfAsync("1"), d => d.ChannelKey == "slack:C1").NeedsRefresh);
        Assert.False(await _escalations.AdvanceEscalationAsync(id, 1, 2, null, "again", editCards: true));
        Assert.Equal(version + 1, (await stores.Alarms.FindAsync("1"))!.Version);
    }
}
