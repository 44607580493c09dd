using Bot.Core.Alarms;
using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Escalation;
using Bot.Core.Storage;

namespace Bot.Storage.Conformance;

/// <summary>The retention sweep removes exactly what is older than the cutoff and keeps what is still at work.</summary>
public abstract class StorageSweepContract : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T08:00:00Z");
    private static readonly DateTimeOffset Cutoff = Now - TimeSpan.FromDays(90);
    private static readonly DateTimeOffset Old = Now - TimeSpan.FromDays(100);
    private static readonly DateTimeOffset Recent = Now - TimeSpan.FromDays(10);
    private static readonly ChatUser Ann = new("slack", "U1", "Ann");
    private readonly IStoreSet _stores;
    private readonly ICallStore _calls;
    private readonly IStorageSweep _sweep;

    protected StorageSweepContract(IStoreSet stores)
    {
        _stores = stores;
        _calls = stores.Calls;
        _sweep = stores.Sweep;
    }

    public void Dispose() => _stores.Dispose();

    private static NewAlarm Alarm(string id, params string[] channels) =>
        new(new IncomingAlarm { Id = id, Source = "feed", Category = AlarmCategory.Device, At = Old, Title = id }, null, channels);

    private Task TakeAsync(string id, DateTimeOffset at, params string[] channels) => _stores.Intake.TakeAsync("feed", [Alarm(id, channels)], id, at);

    private Task PostAsync(string id, string channel, DateTimeOffset at) =>
        _stores.Outbox.MarkPostedAsync(AlarmDelivery.IdOf(id, channel), $"ts-{id}", shownVersion: 0, at);

    private static Call Call(string id, DateTimeOffset createdAt) => new()
    {
        Id = id, DeviceId = "aqm0523", ChannelKey = "slack:C1", RequestedBy = Ann, State = CallState.Pending,
        CreatedAt = createdAt, ExpiresAt = createdAt.AddMinutes(5),
    };

    private static CallAuditEntry Line(string callId, DateTimeOffset at) => new(callId, "aqm0523", "slack:C1", Ann.Key, Ann.Name, at, CallEvents.Requested, null);

    private async Task AddCallAsync(string id, DateTimeOffset createdAt, CallState? state = null, DateTimeOffset? finishedAt = null)
    {
        await _calls.TryAddAsync(Call(id, createdAt), Line(id, createdAt));
        if (state is { } s)
            Assert.True((await _calls.TryTransitionAsync(id, [CallState.Pending], c => c with { State = s, FinishedAt = finishedAt })).Applied);
    }

    [StoreFact]
    public async Task Alarms_older_than_the_cutoff_go_with_their_deliveries_unless_a_card_is_still_due()
    {
        await TakeAsync("posted", Old, "slack:C1", "teams:19:a");
        await PostAsync("posted", "slack:C1", Old);
        await PostAsync("posted", "teams:19:a", Old);
        await TakeAsync("acknowledged", Old, "slack:C1");
        await PostAsync("acknowledged", "slack:C1", Old);
        await _stores.Outbox.TryChangeStateAsync(new AlarmChange("acknowledged", AlarmTransition.Acknowledge, Ann, "slack:C1", Old));
        await _stores.Outbox.MarkRefreshedAsync(AlarmDelivery.IdOf("acknowledged", "slack:C1"), shownVersion: 1);
        await TakeAsync("failed", Old, "slack:C1");
        await _stores.Outbox.MarkFailedAsync(AlarmDelivery.IdOf("failed", "slack:C1"), "channel_not_found");
        await TakeAsync("unroutable", Old);
        await TakeAsync("pending", Old, "slack:C1", "teams:19:a");
        await PostAsync("pending", "slack:C1", Old);   // one card posted, the other still to post
        await TakeAsync("edit-due", Old, "slack:C1");
        await PostAsync("edit-due", "slack:C1", Old);
        await _stores.Outbox.TryChangeStateAsync(new AlarmChange("edit-due", AlarmTransition.Acknowledge, Ann, "slack:C1", Now));   // its card still to be edited
        await TakeAsync("at-cutoff", Cutoff, "slack:C1");
        await PostAsync("at-cutoff", "slack:C1", Cutoff);
        await TakeAsync("recent", Recent, "slack:C1");
        await PostAsync("recent", "slack:C1", Recent);

        var result = await _sweep.SweepAsync(Cutoff);

        Assert.Equal(new SweepResult(4, 4, 0, 0), result);
        foreach (var gone in new[] { "posted", "acknowledged", "failed", "unroutable" })
        {
            Assert.Null(await _stores.Alarms.FindAsync(gone));
            Assert.Empty(await _stores.Alarms.DeliveriesOfAsync(gone));
        }
        foreach (var kept in new[] { "pending", "edit-due", "at-cutoff", "recent" })
            Assert.NotNull(await _stores.Alarms.FindAsync(kept));
        Assert.Equal(2, (await _stores.Alarms.DeliveriesOfAsync("pending")).Count);
        Assert.Equal(["edit-due"], (await _stores.Outbox.DueInChannelAsync("slack:C1", Now, 20)).Select(d => d.AlarmId));
        Assert.Equal(["pending"], (await _stores.Outbox.DueInChannelAsync("teams:19:a", Now, 20)).Select(d => d.AlarmId));
        Assert.Equal(["edit-due"], (await _stores.Alarms.AcknowledgedAsync(10)).Select(a => a.Id));
        Assert.Equal(new SweepResult(0, 0, 0, 0), await _sweep.SweepAsync(Cutoff));
    }

    [StoreFact]
    public async Task Calls_go_once_finished_before_the_cutoff_and_audit_lines_by_their_own_age()
    {
        await AddCallAsync("sent", Old, CallState.Sent, Old.AddMinutes(1));
        await AddCallAsync("expired", Old, CallState.Expired, Old.AddMinutes(5));
        await AddCallAsync("cancelled", Old, CallState.Cancelled, Old.AddMinutes(1));
        await AddCallAsync("failed", Old, CallState.Failed, Old.AddMinutes(1));
        await AddCallAsync("pending", Old);
        await AddCallAsync("confirmed", Old, CallState.Confirmed);
        await AddCallAsync("failed-lately", Old, CallState.Failed, Recent);
        await AddCallAsync("recent", Recent, CallState.Sent, Recent);
        await _calls.AuditAsync(Line("sent", Cutoff));
        await _calls.AuditAsync(Line("sent", Cutoff.AddMilliseconds(-1)));

        var result = await _sweep.SweepAsync(Cutoff);

        // Every call above left one line at its creation; the old ones go (8 - 1 recent) and the one just before the cutoff.
        Assert.Equal(new SweepResult(0, 0, 4, 8), result);
        foreach (var gone in new[] { "sent", "expired", "cancelled", "failed" }) Assert.Null(await _calls.FindAsync(gone));
        foreach (var kept in new[] { "pending", "confirmed", "failed-lately", "recent" }) Assert.NotNull(await _calls.FindAsync(kept));
        Assert.Equal([Cutoff, Recent], (await _calls.AuditLogAsync(100)).Select(a => a.At).Order());
    }

    [StoreFact]
    public async Task Finished_escalations_and_shown_storms_go_by_the_same_age_and_those_still_at_work_stay()
    {
        await _stores.Escalations.StartEscalationAsync(new AlarmEscalation("over|slack:C1", "over", "slack:C1", Old, 2, 2, null, "acknowledged"));
        await _stores.Escalations.StartEscalationAsync(new AlarmEscalation("running|slack:C1", "running", "slack:C1", Old, 1, 2, Now.AddMinutes(1), null));
        await _stores.Escalations.StartEscalationAsync(new AlarmEscalation("lately|slack:C1", "lately", "slack:C1", Recent, 2, 2, null, "resolved"));

        // Two alarms of a device in a channel with a threshold of one: the second starts a storm holding both.
        async Task<string> StormAsync(string device, DateTimeOffset at)
        {
            foreach (var n in new[] { "1", "2" })
            {
                await TakeAsync($"{device}-{n}", at, "slack:C1");
                await _stores.Storms.FoldIntoStormAsync(AlarmDelivery.IdOf($"{device}-{n}", "slack:C1"), $"{device}-{n}", "slack:C1", device, at, 1, TimeSpan.FromMinutes(10));
            }
            var id = $"slack:C1|{device}|{device}-2";
            Assert.NotNull(await _stores.Storms.FindStormAsync(id));
            return id;
        }
        var shown = await StormAsync("shown", Old);
        await _stores.Storms.MarkStormShownAsync(shown, "ts-shown", 2, Old);
        var behind = await StormAsync("behind", Old);   // its card still to post: work, whatever its age
        var recent = await StormAsync("recent", Recent);
        await _stores.Storms.MarkStormShownAsync(recent, "ts-recent", 2, Recent);

        var result = await _sweep.SweepAsync(Cutoff);

        Assert.Equal((1, 1), (result.Escalations, result.Storms));
        Assert.Empty(await _stores.Escalations.EscalationsOfAsync("over"));
        Assert.Single(await _stores.Escalations.EscalationsOfAsync("running"));
        Assert.Single(await _stores.Escalations.EscalationsOfAsync("lately"));
        Assert.Null(await _stores.Storms.FindStormAsync(shown));
        Assert.NotNull(await _stores.Storms.FindStormAsync(behind));
        Assert.NotNull(await _stores.Storms.FindStormAsync(recent));
        var again = await _sweep.SweepAsync(Cutoff);
        Assert.Equal((0, 0), (again.Escalations, again.Storms));
    }

    [StoreFact]
    public async Task A_long_history_is_removed_in_batches_and_what_is_kept_does_not_stop_the_rest()
    {
        var count = _stores.SweepBatch * 2 + 100;
        var oldest = Enumerable.Range(0, count).Select(i => Alarm($"a{i:D5}", "slack:C1")).ToList();
        await _stores.Intake.TakeAsync("feed", oldest, "last", Old);
        // Every 50th card is still to post: its alarm is kept, wherever it falls among the batches.
        foreach (var i in Enumerable.Range(0, count).Where(i => i % 50 != 0)) await PostAsync($"a{i:D5}", "slack:C1", Old);
        for (var i = 0; i < count; i++) await _calls.AuditAsync(Line($"c{i}", Old));

        var result = await _sweep.SweepAsync(Cutoff);

        var kept = count / 50;
        Assert.Equal(new SweepResult(count - kept, count - kept, 0, count), result);
        Assert.Equal(kept, (await _stores.Alarms.RecentAsync(count)).Count);
        Assert.All(await _stores.Alarms.RecentAsync(count), a => Assert.Equal(0, int.Parse(a.Id[1..], System.Globalization.CultureInfo.InvariantCulture) % 50));
        Assert.Empty(await _calls.AuditLogAsync(10));
    }
}
