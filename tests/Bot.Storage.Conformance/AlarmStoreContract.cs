using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Core.Devices;

namespace Bot.Storage.Conformance;

/// <summary>The alarm store's contract on a real database: the outbox transaction and the first-wins acknowledgement.</summary>
public abstract class AlarmStoreContract(IStoreSet stores) : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T08:00:00Z");

    public void Dispose() => stores.Dispose();

    private static NewAlarm Alarm(long id, params string[] channels) =>
        new(new IncomingAlarm
        {
            Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Source = "feed", Category = AlarmCategory.Device,
            At = DateTimeOffset.FromUnixTimeMilliseconds(1000 + id), Title = $"m{id}",
        }, null, channels);

    /// <summary>Every due delivery, read the way the dispatcher reads them: channel by channel.</summary>
    private async Task<List<AlarmDelivery>> DueAsync(DateTimeOffset now)
    {
        var due = new List<AlarmDelivery>();
        foreach (var channel in (await stores.Outbox.ChannelsWithDueAsync(now)).Order(StringComparer.Ordinal))
            due.AddRange(await stores.Outbox.DueInChannelAsync(channel, now, 10));
        return due;
    }

    [StoreFact]
    public async Task An_alarm_its_deliveries_and_the_cursor_are_stored_together_and_survive_reopening()
    {
        var result = await stores.Intake.TakeAsync("feed/1", [Alarm(1, "slack:C1", "teams:19:a"), Alarm(2)], "1002:2", Now);
        Assert.Equal(new IntakeResult(2, 0), result);

        stores.Reopen();

        Assert.Equal("1002:2", await stores.Intake.CursorAsync("feed/1"));
        Assert.Equal(["slack:C1", "teams:19:a"], (await stores.Alarms.DeliveriesOfAsync("1")).Select(d => d.ChannelKey));
        Assert.All(await stores.Alarms.DeliveriesOfAsync("1"), d => Assert.Equal(DeliveryState.Pending, d.State));
        Assert.Equal(["2"], (await stores.Alarms.UnroutableAsync(10)).Select(a => a.Id));
        Assert.Equal(["1", "1"], (await DueAsync(Now)).Select(d => d.AlarmId));   // the unroutable one has nothing to deliver
    }

    [StoreFact]
    public async Task The_copy_the_click_answered_is_not_marked_for_an_edit_and_every_other_copy_is()
    {
        await stores.Intake.TakeAsync("feed/1", [Alarm(1, "slack:C1", "slack:C2", "teams:19:a")], "1001:1", Now);
        await stores.Outbox.MarkPostedAsync(AlarmDelivery.IdOf("1", "slack:C1"), "C1|1.000001", shownVersion: 0, Now);
        await stores.Outbox.MarkPostedAsync(AlarmDelivery.IdOf("1", "slack:C2"), "C2|1.000002", shownVersion: 0, Now);
        await stores.Outbox.MarkPostedAsync(AlarmDelivery.IdOf("1", "teams:19:a"), "act-1", shownVersion: 0, Now);

        var outcome = await stores.Outbox.TryChangeStateAsync(new AlarmChange("1", AlarmTransition.Acknowledge, new ChatUser("slack", "U1", "user 1"), "slack:C1", Now), answeredMessageRef: "C1|1.000001");

        Assert.True(outcome.Applied);
        var deliveries = (await stores.Alarms.DeliveriesOfAsync("1")).ToDictionary(d => d.ChannelKey, d => d.NeedsRefresh);
        Assert.Equal(new Dictionary<string, bool> { ["slack:C1"] = false, ["slack:C2"] = true, ["teams:19:a"] = true }, deliveries);
        Assert.Equal(["slack:C2", "teams:19:a"], (await DueAsync(Now.AddMinutes(1))).Select(d => d.ChannelKey).Order());
    }

    [StoreFact]
    public async Task A_known_MsgID_is_not_stored_twice()
    {
        await stores.Intake.TakeAsync("feed/1", [Alarm(1, "slack:C1")], "1001:1", Now);
        var again = await stores.Intake.TakeAsync("feed/1", [Alarm(1, "slack:C1"), Alarm(3, "slack:C1")], "1003:3", Now);

        Assert.Equal(new IntakeResult(1, 1), again);
        Assert.Equal(2, (await stores.Alarms.RecentAsync(10)).Count);
        Assert.Single(await stores.Alarms.DeliveriesOfAsync("1"));
    }

    [StoreFact]
    public async Task An_alarm_twice_in_one_page_is_stored_once_and_the_numbering_goes_on_across_pages()
    {
        var first = await stores.Intake.TakeAsync("feed/1", [Alarm(1, "slack:C1"), Alarm(1, "slack:C1"), Alarm(2, "slack:C1")], "1002:2", Now);
        await stores.Intake.TakeAsync("feed/1", [Alarm(3, "slack:C1")], "1003:3", Now);

        Assert.Equal(new IntakeResult(2, 1), first);
        Assert.Equal(["3", "2", "1"], (await stores.Alarms.RecentAsync(10)).Select(a => a.Id));
        Assert.Equal(["1", "2", "3"], (await DueAsync(Now)).Select(d => d.AlarmId));
    }

    [StoreFact]
    public async Task A_failure_inside_the_intake_leaves_nothing_behind()
    {
        await stores.Intake.TakeAsync("feed/1", [Alarm(1, "slack:C1")], "1001:1", Now);

        // The second alarm carries the same channel twice: its second delivery breaks the unique key mid-transaction.
        await Assert.ThrowsAnyAsync<Exception>(() => stores.Intake.TakeAsync("feed/1", [Alarm(2, "slack:C1"), Alarm(3, "slack:C2", "slack:C2")], "1003:3", Now));

        Assert.Equal("1001:1", await stores.Intake.CursorAsync("feed/1"));
        Assert.Equal(["1"], (await stores.Alarms.RecentAsync(10)).Select(a => a.Id));
        Assert.Empty(await stores.Alarms.DeliveriesOfAsync("2"));
    }

    [StoreFact]
    public async Task Of_many_concurrent_acknowledgements_exactly_one_wins_and_every_delivery_is_marked_for_an_edit()
    {
        await stores.Intake.TakeAsync("feed/1", [Alarm(1, "slack:C1", "teams:19:a")], "1001:1", Now);
        await stores.Outbox.MarkPostedAsync(AlarmDelivery.IdOf("1", "slack:C1"), "ts-1", shownVersion: 0, Now);

        using var start = new Barrier(16);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
        {
            start.SignalAndWait();
            return stores.Outbox.TryChangeStateAsync(new AlarmChange("1", AlarmTransition.Acknowledge, new ChatUser("slack", $"U{i}", $"user {i}"), "slack:C1", Now.AddSeconds(i)));
        })));

        var winner = Assert.Single(outcomes, o => o.Applied);
        Assert.All(outcomes.Where(o => !o.Applied), o => Assert.Equal(winner.Alarm!.Acknowledgement, o.Alarm!.Acknowledgement));
        Assert.Equal(winner.Alarm!.Acknowledgement, (await stores.Alarms.FindAsync("1"))!.Acknowledgement);
        Assert.All(await stores.Alarms.DeliveriesOfAsync("1"), d => Assert.True(d.NeedsRefresh));
        Assert.Single(await stores.Alarms.AcknowledgedAsync(10));

        // A card posted after the acknowledgement already shows it; one posted before still needs its edit.
        await stores.Outbox.MarkPostedAsync(AlarmDelivery.IdOf("1", "teams:19:a"), "act-1", shownVersion: 1, Now);
        var deliveries = (await stores.Alarms.DeliveriesOfAsync("1")).ToDictionary(d => d.ChannelKey);
        Assert.False(deliveries["teams:19:a"].NeedsRefresh);
        Assert.True(deliveries["slack:C1"].NeedsRefresh);
        Assert.Equal(["slack:C1"], (await DueAsync(Now.AddMinutes(1))).Select(d => d.ChannelKey));
    }

    [StoreFact]
    public async Task The_channels_with_due_work_are_each_named_once_and_a_channel_whose_cards_all_wait_for_a_retry_is_not()
    {
        Assert.Null(await stores.Outbox.NextDueAsync());
        await stores.Intake.TakeAsync("feed/1", [Alarm(1, "slack:C1", "slack:C2", "slack:C3"), Alarm(2, "slack:C1", "slack:C3")], "1002:2", Now);
        await stores.Outbox.MarkRetryAsync(AlarmDelivery.IdOf("1", "slack:C1"), "rate limited", Now.AddSeconds(30));
        await stores.Outbox.MarkRetryAsync(AlarmDelivery.IdOf("2", "slack:C1"), "rate limited", Now.AddSeconds(20));
        await stores.Outbox.MarkPostedAsync(AlarmDelivery.IdOf("1", "slack:C3"), "C3|1.000001", shownVersion: 0, Now);

        Assert.Equal(["slack:C2", "slack:C3"], (await stores.Outbox.ChannelsWithDueAsync(Now)).Order(StringComparer.Ordinal));
        Assert.Equal(["slack:C1", "slack:C2", "slack:C3"], (await stores.Outbox.ChannelsWithDueAsync(Now.AddSeconds(20))).Order(StringComparer.Ordinal));
        Assert.Equal(Now, await stores.Outbox.NextDueAsync());
        // The queue counts what waits for a retry too.
        Assert.Equal(new Dictionary<string, int> { ["slack:C1"] = 2, ["slack:C2"] = 1, ["slack:C3"] = 1 }, await stores.Outbox.QueuedAsync());

        await stores.Outbox.MarkPostedAsync(AlarmDelivery.IdOf("1", "slack:C2"), "C2|1.000001", shownVersion: 0, Now);
        await stores.Outbox.MarkFailedAsync(AlarmDelivery.IdOf("2", "slack:C3"), "channel_not_found");

        Assert.Empty(await stores.Outbox.ChannelsWithDueAsync(Now.AddSeconds(19)));
        Assert.Equal(Now.AddSeconds(20), await stores.Outbox.NextDueAsync());
        Assert.Equal(new Dictionary<string, int> { ["slack:C1"] = 2 }, await stores.Outbox.QueuedAsync());
    }

    [StoreFact]
    public async Task Retries_wait_for_their_time_and_failures_keep_the_reason()
    {
        await stores.Intake.TakeAsync("feed/1", [Alarm(1, "slack:C1", "slack:C2")], "1001:1", Now);
        await stores.Outbox.MarkRetryAsync(AlarmDelivery.IdOf("1", "slack:C1"), "rate limited", Now.AddSeconds(30));
        await stores.Outbox.MarkFailedAsync(AlarmDelivery.IdOf("1", "slack:C2"), "channel_not_found");

        Assert.Empty(await DueAsync(Now.AddSeconds(29)));
        Assert.Equal(Now.AddSeconds(30), await stores.Outbox.NextDueAsync());
        var due = Assert.Single(await DueAsync(Now.AddSeconds(30)));
        Assert.Equal((1, "rate limited"), (due.Attempts, due.LastError));
        var failed = (await stores.Alarms.DeliveriesOfAsync("1")).Single(d => d.ChannelKey == "slack:C2");
        Assert.Equal((DeliveryState.Failed, "channel_not_found"), (failed.State, failed.LastError));
    }

    [StoreFact]
    public async Task Each_source_keeps_its_own_cursor_as_given()
    {
        await stores.Intake.TakeAsync("feed/1", [Alarm(1)], "a", Now);
        await stores.Intake.TakeAsync("feed/2", [Alarm(2)], "b", Now);
        await stores.Intake.TakeAsync("feed/1", [], "c", Now);

        Assert.Equal("c", await stores.Intake.CursorAsync("feed/1"));
        Assert.Null(await stores.Intake.CursorAsync("other"));
        Assert.Equal(new Dictionary<string, string> { ["feed/1"] = "c", ["feed/2"] = "b" }, await stores.Intake.CursorsAsync());
    }

    [StoreFact]
    public async Task An_alarm_reads_back_as_it_was_taken()
    {
        var incoming = new IncomingAlarm
        {
            Id = "42", Source = "feed", Category = AlarmCategory.Family, Severity = AlarmSeverity.Warning, Title = "t", Text = "x",
            At = DateTimeOffset.FromUnixTimeMilliseconds(1574855517907), Device = new SourceIdentity("P", "d"), DeviceAlias = "Gate",
            FamilyId = "1", FamilyName = "home",
        };
        await stores.Intake.TakeAsync("feed/1", [new NewAlarm(incoming, "lamp01", ["slack:C1"])], "c", Now);

        stores.Reopen();
        var alarm = await stores.Alarms.FindAsync("42");

        Assert.Equal(incoming, alarm!.Message);
        Assert.Equal(("lamp01", 1L, Now), (alarm.DeviceId, alarm.Seq, alarm.ReceivedAt));
    }
}
