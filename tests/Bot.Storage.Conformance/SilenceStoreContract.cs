using Bot.Core.Alarms;
using Bot.Core.Channels;

namespace Bot.Storage.Conformance;

/// <summary>Device silences and held alarms in the store.</summary>
public abstract class SilenceStoreContract(IStoreSet stores) : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T08:00:00Z");
    private static readonly ChatUser Ann = new("slack", "U-ANN", "Ann");
    private ISilenceStore _silences = stores.Silences;

    public void Dispose() => stores.Dispose();

    private static NewAlarm Alarm(string id, bool held, params string[] channels) =>
        new(new IncomingAlarm { Id = id, Source = "feed", Category = AlarmCategory.Device, At = Now, Title = id }, "lamp01", channels) { Held = held };

    [StoreFact]
    public async Task A_silence_runs_until_its_end_survives_a_restart_and_is_announced_once()
    {
        await _silences.SilenceAsync(new DeviceSilence("lamp01", Now, Now.AddHours(1), Ann, "slack:C1"));
        // Silenced again while running: a new end, the same start.
        var longer = await _silences.SilenceAsync(new DeviceSilence("lamp01", Now.AddMinutes(10), Now.AddHours(4), Ann, "slack:C1"));
        Assert.Equal((Now, Now.AddHours(4)), (longer.Since, longer.Until));

        stores.Reopen();
        _silences = stores.Silences;

        Assert.NotNull(await _silences.ActiveAsync("lamp01", Now.AddHours(3)));
        Assert.Null(await _silences.ActiveAsync("lamp01", Now.AddHours(4)));
        Assert.Equal(Now.AddHours(4), await _silences.NextEndAsync(Now));
        Assert.Empty(await _silences.ClaimEndedAsync(Now.AddHours(3)));
        var ended = Assert.Single(await _silences.ClaimEndedAsync(Now.AddHours(4)));
        await _silences.MarkAnnouncedAsync(ended.DeviceId, ended.Until);
        Assert.Empty(await _silences.ClaimEndedAsync(Now.AddHours(5)));
        Assert.Empty(await _silences.ActiveListAsync(Now.AddHours(5)));
    }

    [StoreFact]
    public async Task An_ended_silence_goes_to_one_of_two_callers_at_once_and_back_to_the_next_when_its_announcer_died()
    {
        await _silences.SilenceAsync(new DeviceSilence("lamp01", Now, Now.AddHours(1), Ann, "slack:C1"));
        await _silences.SilenceAsync(new DeviceSilence("lamp02", Now, Now.AddHours(1), Ann, "slack:C1"));
        var other = stores.Silences;   // a second caller (on PostgreSQL a second store object, as another replica has)

        var claims = await Task.WhenAll(_silences.ClaimEndedAsync(Now.AddHours(1)), other.ClaimEndedAsync(Now.AddHours(1)));
        Assert.Equal(["lamp01", "lamp02"], claims.SelectMany(c => c).Select(s => s.DeviceId).Order());
        Assert.Empty(await other.ClaimEndedAsync(Now.AddHours(1).AddSeconds(1)));

        // Nobody marked them announced (the caller died): once the hold is over the next look gets them again.
        await _silences.MarkAnnouncedAsync("lamp01", Now.AddHours(1));
        Assert.Equal(["lamp02"], (await other.ClaimEndedAsync(Now.AddHours(2))).Select(s => s.DeviceId));

        // Silenced again: the new silence's end is claimed afresh.
        await _silences.SilenceAsync(new DeviceSilence("lamp02", Now.AddHours(3), Now.AddHours(4), Ann, "slack:C1"));
        Assert.Equal(["lamp02"], (await _silences.ClaimEndedAsync(Now.AddHours(4))).Select(s => s.DeviceId));
    }

    [StoreFact]
    public async Task Ending_early_says_who_and_a_silence_not_running_cannot_end()
    {
        await _silences.SilenceAsync(new DeviceSilence("lamp01", Now, Now.AddHours(1), Ann, "slack:C1"));
        var ended = await _silences.EndAsync("lamp01", Now.AddMinutes(5), new ChatUser("teams", "29:bo", "Bo"));
        Assert.Equal((Now.AddMinutes(5), "Bo"), (ended!.Until, ended.EndedBy!.Name));
        Assert.Null(await _silences.EndAsync("lamp01", Now.AddMinutes(6), null));
        Assert.Null(await _silences.EndAsync("other", Now, null));
    }

    [StoreFact]
    public async Task Held_alarms_are_stored_and_listed_but_never_due_and_counted_by_channel()
    {
        await stores.Intake.TakeAsync("feed", [Alarm("1", true, "slack:C1", "teams:19:a"), Alarm("2", true, "slack:C1"), Alarm("3", false, "slack:C1")], "c", Now);

        Assert.Equal(["3"], (await stores.Outbox.DueInChannelAsync("slack:C1", Now, 10)).Select(d => d.AlarmId));
        Assert.Empty(await stores.Outbox.DueInChannelAsync("teams:19:a", Now, 10));
        Assert.Equal(["3", "2", "1"], (await stores.Alarms.InChannelAsync("slack:C1", null, 10)).Select(a => a.Id));
        Assert.True((await stores.Alarms.FindAsync("1"))!.Held);
        Assert.All(await stores.Alarms.DeliveriesOfAsync("1"), d => Assert.Equal(DeliveryState.Held, d.State));
        Assert.Equal(new Dictionary<string, int> { ["slack:C1"] = 2, ["teams:19:a"] = 1 },
            await stores.Alarms.HeldByChannelAsync("lamp01", Now, Now.AddMinutes(1)));
        Assert.Empty(await stores.Alarms.HeldByChannelAsync("lamp01", Now.AddMinutes(1), Now.AddMinutes(2)));
    }
}
