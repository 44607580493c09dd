using Bot.Core.Alarms;
using Bot.Core.Channels;

namespace Bot.Storage.LiteDb.Tests;

/// <summary>The alarm's state machine in the LiteDB store: compare-and-set, history, edits of every copy, old records.</summary>
public sealed class AlarmStateStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T08:00:00Z");
    private static readonly ChatUser Ann = new("slack", "U-ANN", "Ann");
    private static readonly ChatUser Bo = new("teams", "29:bo", "Bo");
    private readonly StoreFixture _fixture = new();
    private LiteDbAlarmStore _store;

    public AlarmStateStoreTests() => _store = new LiteDbAlarmStore(_fixture.Database);

    public void Dispose() => _fixture.Dispose();

    private static NewAlarm Alarm(string id, params string[] channels) =>
        new(new IncomingAlarm { Id = id, Source = "feed", Category = AlarmCategory.Device, At = Now, Title = id }, null, channels);

    private Task<AlarmChangeOutcome> Move(string id, AlarmTransition transition, ChatUser by, string channel, int minutes, string? answered = null) =>
        _store.TryChangeStateAsync(new AlarmChange(id, transition, by, channel, Now.AddMinutes(minutes)), answered);

    [Fact]
    public async Task Each_transition_applies_only_from_its_states_and_the_history_says_who_where_and_when()
    {
        await _store.TakeAsync("feed", [Alarm("1", "slack:C1", "teams:19:a")], "c", Now);

        Assert.False((await Move("1", AlarmTransition.Unacknowledge, Ann, "slack:C1", 1)).Applied);
        Assert.False((await Move("1", AlarmTransition.Reopen, Ann, "slack:C1", 1)).Applied);
        Assert.True((await Move("1", AlarmTransition.Acknowledge, Ann, "slack:C1", 1)).Applied);
        Assert.False((await Move("1", AlarmTransition.Acknowledge, Bo, "teams:19:a", 2)).Applied);
        Assert.True((await Move("1", AlarmTransition.Unacknowledge, Bo, "teams:19:a", 3)).Applied);
        Assert.Null((await _store.FindAsync("1"))!.Acknowledgement);
        Assert.True((await Move("1", AlarmTransition.Resolve, Bo, "teams:19:a", 4)).Applied);
        Assert.False((await Move("1", AlarmTransition.Resolve, Ann, "slack:C1", 5)).Applied);
        var reopened = await Move("1", AlarmTransition.Reopen, Ann, "slack:C1", 6);

        Assert.True(reopened.Applied);
        Assert.Equal((AlarmState.Firing, 4L), (reopened.Alarm!.State, reopened.Alarm.Version));
        Assert.Equal((AlarmTransition.Reopen, "Ann", "slack:C1"), (reopened.Alarm.LastChange!.Transition, reopened.Alarm.LastChange.By.Name, reopened.Alarm.LastChange.ChannelKey));
        var history = await _store.HistoryAsync("1");
        Assert.Equal(
            [(1L, AlarmTransition.Acknowledge, AlarmState.Firing, AlarmState.Acknowledged, "U-ANN", "slack:C1", Now.AddMinutes(1)),
             (2L, AlarmTransition.Unacknowledge, AlarmState.Acknowledged, AlarmState.Firing, "29:bo", "teams:19:a", Now.AddMinutes(3)),
             (3L, AlarmTransition.Resolve, AlarmState.Firing, AlarmState.Resolved, "29:bo", "teams:19:a", Now.AddMinutes(4)),
             (4L, AlarmTransition.Reopen, AlarmState.Resolved, AlarmState.Firing, "U-ANN", "slack:C1", Now.AddMinutes(6))],
            history.Select(c => (c.Version, c.Transition, c.From, c.To, c.By.Id, c.ChannelKey, c.At)));
    }

    [Fact]
    public async Task Acknowledge_against_Resolve_at_once_ends_in_one_state_with_one_change_recorded()
    {
        await _store.TakeAsync("feed", [Alarm("1", "slack:C1")], "c", Now);
        using var start = new Barrier(2);
        var outcomes = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(); return Move("1", AlarmTransition.Acknowledge, Ann, "slack:C1", 1); }),
            Task.Run(() => { start.SignalAndWait(); return _store.TryChangeStateAsync(new AlarmChange("1", AlarmTransition.Resolve, Bo, "slack:C1", Now.AddMinutes(1)) { ExpectedFrom = AlarmState.Firing }); }));

        var winner = Assert.Single(outcomes, o => o.Applied);
        var loser = Assert.Single(outcomes, o => !o.Applied);
        Assert.Equal(winner.Alarm!.State, loser.Alarm!.State);
        Assert.Equal(winner.Alarm.LastChange!.By, loser.Alarm.LastChange!.By);
        Assert.Single(await _store.HistoryAsync("1"));
    }

    [Fact]
    public async Task Resolve_from_an_acknowledged_card_applies_and_from_a_firing_card_loses_to_the_acknowledgement()
    {
        await _store.TakeAsync("feed", [Alarm("1", "slack:C1")], "c", Now);
        await Move("1", AlarmTransition.Acknowledge, Ann, "slack:C1", 1);
        var fromFiring = await _store.TryChangeStateAsync(new AlarmChange("1", AlarmTransition.Resolve, Bo, "slack:C1", Now.AddMinutes(2)) { ExpectedFrom = AlarmState.Firing });
        var fromAcknowledged = await _store.TryChangeStateAsync(new AlarmChange("1", AlarmTransition.Resolve, Bo, "slack:C1", Now.AddMinutes(3)) { ExpectedFrom = AlarmState.Acknowledged });
        Assert.Equal((false, true), (fromFiring.Applied, fromAcknowledged.Applied));
        Assert.Equal(AlarmState.Resolved, (await _store.FindAsync("1"))!.State);
    }

    [Fact]
    public async Task A_card_showing_an_older_version_still_gets_its_edit()
    {
        await _store.TakeAsync("feed", [Alarm("1", "slack:C1")], "c", Now);
        await _store.MarkPostedAsync(AlarmDelivery.IdOf("1", "slack:C1"), "ts-1", shownVersion: 0, Now);
        await Move("1", AlarmTransition.Acknowledge, Ann, "slack:C1", 1);
        await Move("1", AlarmTransition.Resolve, Ann, "slack:C1", 2);

        await _store.MarkRefreshedAsync(AlarmDelivery.IdOf("1", "slack:C1"), shownVersion: 1);   // the edit read the alarm between the two changes
        Assert.True(Assert.Single(await _store.DeliveriesOfAsync("1")).NeedsRefresh);
        await _store.MarkRefreshedAsync(AlarmDelivery.IdOf("1", "slack:C1"), shownVersion: 2);
        Assert.False(Assert.Single(await _store.DeliveriesOfAsync("1")).NeedsRefresh);
    }

    [Fact]
    public async Task An_alarm_acknowledged_before_states_were_kept_reads_as_acknowledged_with_its_acknowledgement_in_the_history()
    {
        await _store.TakeAsync("feed", [Alarm("old-ack", "slack:C1"), Alarm("old-firing", "slack:C1")], "c", Now);
        // The records as the earlier bot wrote them: acknowledgement fields, no state, no version.
        var alarms = _fixture.Database.Collection<AlarmDocument>(AlarmCollections.Alarms);
        await _fixture.Database.WriteAsync(() =>
        {
            foreach (var d in alarms.FindAll().ToList())
            {
                d.State = null;
                d.Version = 0;
                if (d.Id == "old-ack") (d.AckPlatform, d.AckUserId, d.AckUserName, d.AckAt) = ("slack", "U-ANN", "Ann", Now.AddMinutes(1).ToUnixTimeMilliseconds());
                alarms.Update(d);
            }
        });

        _store = new LiteDbAlarmStore(_fixture.Reopen());

        var acked = (await _store.FindAsync("old-ack"))!;
        Assert.Equal((AlarmState.Acknowledged, "Ann"), (acked.State, acked.Acknowledgement!.By.Name));
        var first = Assert.Single(await _store.HistoryAsync("old-ack"));
        Assert.Equal((AlarmTransition.Acknowledge, "U-ANN", "", Now.AddMinutes(1)), (first.Transition, first.By.Id, first.ChannelKey, first.At));
        Assert.Equal(AlarmState.Firing, (await _store.FindAsync("old-firing"))!.State);
        Assert.Empty(await _store.HistoryAsync("old-firing"));
        // And they move on from there.
        Assert.True((await Move("old-ack", AlarmTransition.Resolve, Bo, "slack:C1", 5)).Applied);
        Assert.Equal(2, (await _store.HistoryAsync("old-ack")).Count);
        Assert.True((await Move("old-firing", AlarmTransition.Acknowledge, Bo, "slack:C1", 5)).Applied);
    }

    [Fact]
    public async Task A_channel_s_list_has_its_open_alarms_newest_first_and_resolved_ones_only_since_the_given_time()
    {
        await _store.TakeAsync("feed", [Alarm("1", "slack:C1"), Alarm("2", "slack:C1", "teams:19:a"), Alarm("3", "teams:19:a"), Alarm("4", "slack:C1"), Alarm("5", "slack:C1")], "c", Now);
        await Move("2", AlarmTransition.Acknowledge, Ann, "slack:C1", 1);
        await Move("4", AlarmTransition.Resolve, Ann, "slack:C1", 2);
        await Move("1", AlarmTransition.Resolve, Ann, "slack:C1", 30);

        Assert.Equal(["5", "2"], (await _store.InChannelAsync("slack:C1", null, 10)).Select(a => a.Id));
        Assert.Equal(["5", "2", "1"], (await _store.InChannelAsync("slack:C1", Now.AddMinutes(10), 10)).Select(a => a.Id));
        Assert.Equal(["5", "4", "2", "1"], (await _store.InChannelAsync("slack:C1", Now, 10)).Select(a => a.Id));
        Assert.Equal(["5"], (await _store.InChannelAsync("slack:C1", Now, 1)).Select(a => a.Id));
        Assert.Equal(["3", "2"], (await _store.InChannelAsync("teams:19:a", null, 10)).Select(a => a.Id));
        Assert.Empty(await _store.InChannelAsync("slack:C-NONE", Now, 10));
    }
}
