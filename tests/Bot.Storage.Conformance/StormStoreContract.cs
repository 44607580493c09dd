using Bot.Core.Alarms;
using Bot.Core.Storage;
using Bot.Core.Storms;

namespace Bot.Storage.Conformance;

/// <summary>Storms: a device's alarms beyond the threshold within the window fold into one card per channel.</summary>
public abstract class StormStoreContract(IStoreSet stores) : IDisposable
{
    private const string Channel = "slack:C1";
    private const int Threshold = 2;
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T08:00:00Z");
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    private IStormStore _storms = stores.Storms;

    public void Dispose() => stores.Dispose();

    private async Task<bool> TakeAndFoldAsync(string alarmId, DateTimeOffset at, string deviceId = "lamp01")
    {
        await stores.Intake.TakeAsync("feed", [new(new IncomingAlarm { Id = alarmId, Source = "feed", Category = AlarmCategory.Device, At = at, Title = alarmId }, deviceId, [Channel])], alarmId, at);
        return await _storms.FoldIntoStormAsync(AlarmDelivery.IdOf(alarmId, Channel), alarmId, Channel, deviceId, at, Threshold, Window);
    }

    private async Task<AlarmDelivery> DeliveryAsync(string alarmId) => Assert.Single(await stores.Alarms.DeliveriesOfAsync(alarmId));

    [StoreFact]
    public async Task Alarms_beyond_the_threshold_fold_into_one_storm_that_holds_them_all_and_survives_a_restart()
    {
        Assert.False(await TakeAndFoldAsync("1", Now));
        Assert.False(await TakeAndFoldAsync("2", Now.AddMinutes(1)));
        Assert.False(await TakeAndFoldAsync("other", Now.AddMinutes(1), "pump02"));
        Assert.True(await TakeAndFoldAsync("3", Now.AddMinutes(2)));

        stores.Reopen();
        _storms = stores.Storms;

        var stormId = $"{Channel}|lamp01|3";
        var storm = await _storms.FindStormAsync(stormId);
        Assert.NotNull(storm);
        Assert.Equal(["1", "2", "3"], storm.AlarmIds);
        Assert.Equal((Now, Now.AddMinutes(2), 0), (storm.FirstAt, storm.LatestAt, storm.ShownCount));
        var folded = await DeliveryAsync("3");
        Assert.Equal((DeliveryState.Posted, Storm.RefOf(stormId)), (folded.State, folded.MessageRef));
        Assert.DoesNotContain(await stores.Outbox.DueInChannelAsync(Channel, Now.AddHours(1), 10), d => d.AlarmId == "3");
        Assert.Equal(DeliveryState.Pending, (await DeliveryAsync("1")).State);

        // The storm is still going: the next alarm joins it.
        Assert.True(await TakeAndFoldAsync("4", Now.AddMinutes(9)));
        Assert.Equal(["1", "2", "3", "4"], (await _storms.FindStormAsync(stormId))!.AlarmIds);
        Assert.Null(await _storms.FindStormAsync("unknown"));
    }

    [StoreFact]
    public async Task Asking_again_for_a_delivery_gives_the_same_answer_even_at_once()
    {
        Assert.False(await TakeAndFoldAsync("1", Now));
        Assert.False(await _storms.FoldIntoStormAsync(AlarmDelivery.IdOf("1", Channel), "1", Channel, "lamp01", Now, Threshold, Window));
        Assert.False(await TakeAndFoldAsync("2", Now));
        await stores.Intake.TakeAsync("feed", [new(new IncomingAlarm { Id = "3", Source = "feed", Category = AlarmCategory.Device, At = Now, Title = "3" }, "lamp01", [Channel])], "3", Now);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            stores.Storms.FoldIntoStormAsync(AlarmDelivery.IdOf("3", Channel), "3", Channel, "lamp01", Now, Threshold, Window)));
        Assert.All(answers, Assert.True);
        Assert.Equal(["1", "2", "3"], (await _storms.FindStormAsync($"{Channel}|lamp01|3"))!.AlarmIds);
        Assert.False(await _storms.FoldIntoStormAsync(AlarmDelivery.IdOf("9", Channel), "9", Channel, "lamp01", Now, Threshold, Window));
    }

    [StoreFact]
    public async Task A_channel_that_is_behind_neither_starts_nor_feeds_a_storm()
    {
        Assert.False(await TakeAndFoldAsync("1", Now));
        Assert.False(await TakeAndFoldAsync("2", Now));
        await TakeAsync("3");

        // Folding not allowed: nothing is written, the delivery waits as it was, and asking again gives the same answer.
        for (var ask = 0; ask < 2; ask++)
            Assert.Equal(StormFold.Declined, await FoldAsync("3", "lamp01", Now, mayFold: false));
        Assert.Null(await _storms.FindStormAsync($"{Channel}|lamp01|3"));
        Assert.Equal(DeliveryState.Pending, (await DeliveryAsync("3")).State);

        // Allowed, the same alarm starts the storm; while it goes on, an alarm that may not fold is declined too and the storm keeps its count.
        Assert.Equal(StormFold.Folded, await FoldAsync("3", "lamp01", Now, mayFold: true));
        await TakeAsync("4");
        Assert.Equal(StormFold.Declined, await FoldAsync("4", "lamp01", Now.AddMinutes(1), mayFold: false));
        Assert.Equal(["1", "2", "3"], (await _storms.FindStormAsync($"{Channel}|lamp01|3"))!.AlarmIds);
        Assert.Equal(StormFold.Folded, await FoldAsync("4", "lamp01", Now.AddMinutes(1), mayFold: true));
        Assert.Equal(["1", "2", "3", "4"], (await _storms.FindStormAsync($"{Channel}|lamp01|3"))!.AlarmIds);
        // Another device within its threshold is counted as ever.
        await TakeAsync("p1", "pump02");
        Assert.Equal(StormFold.OwnCard, await FoldAsync("p1", "pump02", Now, mayFold: false));
        Assert.Equal(StormFold.OwnCard, await FoldAsync("p1", "pump02", Now, mayFold: true));
    }

    private Task TakeAsync(string alarmId, string deviceId = "lamp01") =>
        stores.Intake.TakeAsync("feed", [new(new IncomingAlarm { Id = alarmId, Source = "feed", Category = AlarmCategory.Device, At = Now, Title = alarmId }, deviceId, [Channel])], alarmId, Now);

    private Task<StormFold> FoldAsync(string alarmId, string deviceId, DateTimeOffset at, bool mayFold) =>
        _storms.FoldIntoStormAsync(AlarmDelivery.IdOf(alarmId, Channel), alarmId, Channel, deviceId, at, Threshold, Window, mayFold);

    [StoreFact]
    public async Task A_storm_card_is_to_show_while_it_shows_fewer_alarms_than_it_holds_at_its_pace()
    {
        await TakeAndFoldAsync("1", Now);
        await TakeAndFoldAsync("2", Now);
        await TakeAndFoldAsync("3", Now);
        var stormId = $"{Channel}|lamp01|3";
        Assert.Equal([stormId], (await _storms.StormsToShowAsync(Now)).Select(s => s.Id));

        await _storms.MarkStormShownAsync(stormId, "C1/171.1", 3, Now.AddMinutes(1));
        Assert.Empty(await _storms.StormsToShowAsync(Now.AddHours(1)));
        await TakeAndFoldAsync("4", Now.AddSeconds(10));
        Assert.Empty(await _storms.StormsToShowAsync(Now.AddSeconds(30)));
        var behind = Assert.Single(await _storms.StormsToShowAsync(Now.AddMinutes(1)));
        Assert.Equal(("C1/171.1", 3, 4), (behind.MessageRef, behind.ShownCount, behind.AlarmIds.Count));
    }

    [StoreFact]
    public async Task After_a_quiet_window_alarms_get_cards_of_their_own_again()
    {
        await TakeAndFoldAsync("1", Now);
        await TakeAndFoldAsync("2", Now);
        Assert.True(await TakeAndFoldAsync("3", Now));

        Assert.False(await TakeAndFoldAsync("5", Now.AddMinutes(11)));
        Assert.False(await TakeAndFoldAsync("6", Now.AddMinutes(12)));
        Assert.True(await TakeAndFoldAsync("7", Now.AddMinutes(13)));
        Assert.Equal(["5", "6", "7"], (await _storms.FindStormAsync($"{Channel}|lamp01|7"))!.AlarmIds);
        Assert.Equal(["1", "2", "3"], (await _storms.FindStormAsync($"{Channel}|lamp01|3"))!.AlarmIds);
    }

    private async Task<BacklogEntry> TakeAsync(string alarmId, DateTimeOffset at, string? deviceId)
    {
        await stores.Intake.TakeAsync("feed", [new(new IncomingAlarm { Id = alarmId, Source = "feed", Category = AlarmCategory.Device, At = at, Title = alarmId }, deviceId, [Channel])], alarmId, at);
        return new BacklogEntry(AlarmDelivery.IdOf(alarmId, Channel), alarmId, deviceId, at);
    }

    [StoreFact]
    public async Task Waiting_cards_fold_into_the_channels_backlog_summary_once_and_it_survives_a_restart()
    {
        var a = await TakeAsync("b1", Now, "lamp01");
        var b = await TakeAsync("b2", Now.AddSeconds(1), "pump02");
        var c = await TakeAsync("b3", Now.AddSeconds(2), null);
        Assert.Equal(3, await _storms.FoldIntoBacklogAsync(Channel, [a, b, c], Now.AddSeconds(3), Window));
        // Asked again (a retried lane): nothing folds twice.
        Assert.Equal(0, await _storms.FoldIntoBacklogAsync(Channel, [a, b, c], Now.AddSeconds(3), Window));

        stores.Reopen();
        _storms = stores.Storms;

        var summaryId = Storm.BacklogIdOf(Channel, "b1");
        var summary = await _storms.FindStormAsync(summaryId);
        Assert.NotNull(summary);
        Assert.True(summary.IsBacklog);
        Assert.Equal(["b1", "b2", "b3"], summary.AlarmIds);
        Assert.Equal(["lamp01", "pump02", ""], summary.DeviceIds);
        Assert.Equal((Now, Now.AddSeconds(2)), (summary.FirstAt, summary.LatestAt));
        Assert.Equal(Storm.RefOf(summaryId), (await DeliveryAsync("b2")).MessageRef);
        Assert.Empty(await stores.Outbox.DueInChannelAsync(Channel, Now.AddHours(1), 10));
        Assert.Equal([summaryId], (await _storms.StormsToShowAsync(Now)).Select(s => s.Id));

        // Within the window the summary keeps growing; a posted card does not fold.
        var d = await TakeAsync("b4", Now.AddMinutes(5), "lamp01");
        var e = await TakeAsync("b5", Now.AddMinutes(5), "lamp01");
        await stores.Outbox.MarkPostedAsync(e.DeliveryId, "C1/5.1", shownVersion: 0, Now.AddMinutes(5));
        Assert.Equal(1, await _storms.FoldIntoBacklogAsync(Channel, [d, e], Now.AddMinutes(5), Window));
        var grown = (await _storms.FindStormAsync(summaryId))!;
        Assert.Equal(["b1", "b2", "b3", "b4"], grown.AlarmIds);
        Assert.Equal(Now.AddMinutes(5), grown.LatestAt);
        Assert.Equal("C1/5.1", (await DeliveryAsync("b5")).MessageRef);

        // After a quiet window a new backlog gets a summary of its own.
        var f = await TakeAsync("b6", Now.AddMinutes(20), "lamp01");
        Assert.Equal(1, await _storms.FoldIntoBacklogAsync(Channel, [f], Now.AddMinutes(20), Window));
        Assert.Equal(["b6"], (await _storms.FindStormAsync(Storm.BacklogIdOf(Channel, "b6")))!.AlarmIds);
        Assert.Equal(4, (await _storms.FindStormAsync(summaryId))!.AlarmIds.Count);
    }

    [StoreFact]
    public async Task Folding_the_same_backlog_at_once_folds_each_card_once()
    {
        var entries = new List<BacklogEntry>();
        for (var i = 0; i < 6; i++) entries.Add(await TakeAsync($"c{i}", Now, $"dev{i % 2}"));
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => stores.Storms.FoldIntoBacklogAsync(Channel, entries, Now, Window)));
        Assert.Equal(6, answers.Sum());
        var summary = (await _storms.FindStormAsync(Storm.BacklogIdOf(Channel, "c0")))!;
        Assert.Equal(6, summary.AlarmIds.Distinct().Count());
        Assert.Equal(6, summary.AlarmIds.Count);
    }
}
