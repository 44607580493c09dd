using Bot.Core.Alarms;
using Bot.Storage.Conformance;

namespace Bot.Storage.LiteDb.Tests;

/// <summary>The alarm's state machine on a LiteDB file, and what only a LiteDB file can hold: alarms stored before states were kept.</summary>
public sealed class AlarmStateStoreTests : AlarmStateContract
{
    private readonly LiteDbStores _stores;

    public AlarmStateStoreTests() : this(new LiteDbStores()) { }

    private AlarmStateStoreTests(LiteDbStores stores) : base(stores) => _stores = stores;

    [Fact]
    public async Task An_alarm_acknowledged_before_states_were_kept_reads_as_acknowledged_with_its_acknowledgement_in_the_history()
    {
        await _stores.Intake.TakeAsync("feed", [Alarm("old-ack", "slack:C1"), Alarm("old-firing", "slack:C1")], "c", Now);
        // The records as the earlier bot wrote them: acknowledgement fields, no state, no version.
        var alarms = _stores.Fixture.Database.Collection<AlarmDocument>(AlarmCollections.Alarms);
        await _stores.Fixture.Database.WriteAsync(() =>
        {
            foreach (var d in alarms.FindAll().ToList())
            {
                d.State = null;
                d.Version = 0;
                if (d.Id == "old-ack") (d.AckPlatform, d.AckUserId, d.AckUserName, d.AckAt) = ("slack", "U-ANN", "Ann", Now.AddMinutes(1).ToUnixTimeMilliseconds());
                alarms.Update(d);
            }
        });

        _stores.Reopen();

        var acked = (await _stores.Alarms.FindAsync("old-ack"))!;
        Assert.Equal((AlarmState.Acknowledged, "Ann"), (acked.State, acked.Acknowledgement!.By.Name));
        var first = Assert.Single(await _stores.Alarms.HistoryAsync("old-ack"));
        Assert.Equal((AlarmTransition.Acknowledge, "U-ANN", "", Now.AddMinutes(1)), (first.Transition, first.By.Id, first.ChannelKey, first.At));
        Assert.Equal(AlarmState.Firing, (await _stores.Alarms.FindAsync("old-firing"))!.State);
        Assert.Empty(await _stores.Alarms.HistoryAsync("old-firing"));
        // And they move on from there.
        Assert.True((await Move("old-ack", AlarmTransition.Resolve, Bo, "slack:C1", 5)).Applied);
        Assert.Equal(2, (await _stores.Alarms.HistoryAsync("old-ack")).Count);
        Assert.True((await Move("old-firing", AlarmTransition.Acknowledge, Bo, "slack:C1", 5)).Applied);
    }
}
