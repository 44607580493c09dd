using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Storage.LiteDb;
using Microsoft.Extensions.Options;

namespace Bot.Host.Tests.Alarms;

/// <summary>The LiteDB alarm store on a real file: the outbox transaction and the first-wins acknowledgement.</summary>
public sealed class AlarmStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T08:00:00Z");
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("alarm-store-").FullName;
    private BotDatabase _db;
    private LiteDbAlarmStore _store;

    public AlarmStoreTests()
    {
        _db = Open();
        _store = new LiteDbAlarmStore(_db);
    }

    private BotDatabase Open() => new(Options.Create(new StorageOptions { LiteDb = $"Filename={Path.Combine(_folder, "bot.db")}" }));

    public void Dispose()
    {
        _db.Dispose();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    private static NewAlarm Alarm(long id, params string[] channels) =>
        new(new AlarmMessage { MsgId = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Category = 1, Timestamp = 1000 + id, Title = $"m{id}" }, null, channels);

    [Fact]
    public async Task An_alarm_its_deliveries_and_the_cursor_are_stored_together_and_survive_reopening()
    {
        var result = await _store.TakeAsync(1, [Alarm(1, "slack:C1", "teams:19:a"), Alarm(2)], new AlarmPosition(1002, "2"), Now);
        Assert.Equal(new IntakeResult(2, 0), result);

        _db.Dispose();
        _db = Open();
        _store = new LiteDbAlarmStore(_db);

        Assert.Equal(new AlarmPosition(1002, "2"), await _store.CursorAsync(1));
        Assert.Equal(["slack:C1", "teams:19:a"], (await _store.DeliveriesOfAsync("1")).Select(d => d.ChannelKey));
        Assert.All(await _store.DeliveriesOfAsync("1"), d => Assert.Equal(DeliveryState.Pending, d.State));
        Assert.Equal(["2"], (await _store.UnroutableAsync(10)).Select(a => a.Id));
        Assert.Equal(["1", "1"], (await _store.DueAsync(Now, 10)).Select(d => d.AlarmId));   // the unroutable one has nothing to deliver
    }

    [Fact]
    public async Task A_known_MsgID_is_not_stored_twice()
    {
        await _store.TakeAsync(1, [Alarm(1, "slack:C1")], new AlarmPosition(1001, "1"), Now);
        var again = await _store.TakeAsync(1, [Alarm(1, "slack:C1"), Alarm(3, "slack:C1")], new AlarmPosition(1003, "3"), Now);

        Assert.Equal(new IntakeResult(1, 1), again);
        Assert.Equal(2, (await _store.RecentAsync(10)).Count);
        Assert.Single(await _store.DeliveriesOfAsync("1"));
    }

    [Fact]
    public async Task A_failure_inside_the_intake_leaves_nothing_behind()
    {
        await _store.TakeAsync(1, [Alarm(1, "slack:C1")], new AlarmPosition(1001, "1"), Now);

        // The second alarm carries the same channel twice: its second delivery breaks the unique key mid-transaction.
        await Assert.ThrowsAnyAsync<Exception>(() => _store.TakeAsync(1, [Alarm(2, "slack:C1"), Alarm(3, "slack:C2", "slack:C2")], new AlarmPosition(1003, "3"), Now));

        Assert.Equal(new AlarmPosition(1001, "1"), await _store.CursorAsync(1));
        Assert.Equal(["1"], (await _store.RecentAsync(10)).Select(a => a.Id));
        Assert.Empty(await _store.DeliveriesOfAsync("2"));
    }

    [Fact]
    public async Task The_copy_the_click_answered_is_not_marked_for_an_edit_and_every_other_copy_is()
    {
        await _store.TakeAsync(1, [Alarm(1, "slack:C1", "slack:C2", "teams:19:a")], new AlarmPosition(1001, "1"), Now);
        await _store.MarkPostedAsync(AlarmDelivery.IdOf("1", "slack:C1"), "C1|1.000001", showedAcknowledgement: false, Now);
        await _store.MarkPostedAsync(AlarmDelivery.IdOf("1", "slack:C2"), "C2|1.000002", showedAcknowledgement: false, Now);
        await _store.MarkPostedAsync(AlarmDelivery.IdOf("1", "teams:19:a"), "act-1", showedAcknowledgement: false, Now);

        var outcome = await _store.TryAcknowledgeAsync("1", new Acknowledgement(new ChatUser("slack", "U1", "user 1"), Now), answeredMessageRef: "C1|1.000001");

        Assert.True(outcome.Applied);
        var deliveries = (await _store.DeliveriesOfAsync("1")).ToDictionary(d => d.ChannelKey, d => d.NeedsRefresh);
        Assert.Equal(new Dictionary<string, bool> { ["slack:C1"] = false, ["slack:C2"] = true, ["teams:19:a"] = true }, deliveries);
        Assert.Equal(["slack:C2", "teams:19:a"], (await _store.DueAsync(Now.AddMinutes(1), 10)).Select(d => d.ChannelKey).Order());
    }

    [Fact]
    public async Task Of_many_concurrent_acknowledgements_exactly_one_wins_and_every_delivery_is_marked_for_an_edit()
    {
        await _store.TakeAsync(1, [Alarm(1, "slack:C1", "teams:19:a")], new AlarmPosition(1001, "1"), Now);
        await _store.MarkPostedAsync(AlarmDelivery.IdOf("1", "slack:C1"), "ts-1", showedAcknowledgement: false, Now);

        using var start = new Barrier(16);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
        {
            start.SignalAndWait();
            return _store.TryAcknowledgeAsync("1", new Acknowledgement(new ChatUser("slack", $"U{i}", $"user {i}"), Now.AddSeconds(i)));
        })));

        var winner = Assert.Single(outcomes, o => o.Applied);
        Assert.All(outcomes.Where(o => !o.Applied), o => Assert.Equal(winner.Alarm!.Acknowledgement, o.Alarm!.Acknowledgement));
        Assert.Equal(winner.Alarm!.Acknowledgement, (await _store.FindAsync("1"))!.Acknowledgement);
        Assert.All(await _store.DeliveriesOfAsync("1"), d => Assert.True(d.NeedsRefresh));
        Assert.Single(await _store.AcknowledgedAsync(10));

        // A card posted after the acknowledgement already shows it; one posted before still needs its edit.
        await _store.MarkPostedAsync(AlarmDelivery.IdOf("1", "teams:19:a"), "act-1", showedAcknowledgement: true, Now);
        var deliveries = (await _store.DeliveriesOfAsync("1")).ToDictionary(d => d.ChannelKey);
        Assert.False(deliveries["teams:19:a"].NeedsRefresh);
        Assert.True(deliveries["slack:C1"].NeedsRefresh);
        Assert.Equal(["slack:C1"], (await _store.DueAsync(Now.AddMinutes(1), 10)).Select(d => d.ChannelKey));
    }

    [Fact]
    public async Task Retries_wait_for_their_time_and_failures_keep_the_reason()
    {
        await _store.TakeAsync(1, [Alarm(1, "slack:C1", "slack:C2")], new AlarmPosition(1001, "1"), Now);
        await _store.MarkRetryAsync(AlarmDelivery.IdOf("1", "slack:C1"), "rate limited", Now.AddSeconds(30));
        await _store.MarkFailedAsync(AlarmDelivery.IdOf("1", "slack:C2"), "channel_not_found");

        Assert.Empty(await _store.DueAsync(Now.AddSeconds(29), 10));
        Assert.Equal(Now.AddSeconds(30), await _store.NextDueAsync());
        var due = Assert.Single(await _store.DueAsync(Now.AddSeconds(30), 10));
        Assert.Equal((1, "rate limited"), (due.Attempts, due.LastError));
        var failed = (await _store.DeliveriesOfAsync("1")).Single(d => d.ChannelKey == "slack:C2");
        Assert.Equal((DeliveryState.Failed, "channel_not_found"), (failed.State, failed.LastError));
    }
}
