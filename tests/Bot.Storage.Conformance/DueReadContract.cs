using Bot.Core.Alarms;

namespace Bot.Storage.Conformance;

/// <summary>The dispatcher's per-channel read answers the deliveries still due, oldest first, whatever the channel's history.</summary>
public abstract class DueReadContract(IStoreSet stores) : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T08:00:00Z");
    private const string Channel = "slack:C1";

    public void Dispose() => stores.Dispose();

    private static NewAlarm Alarm(int id, params string[] channels) =>
        new(new IncomingAlarm { Id = $"a{id:D5}", Source = "feed", Category = AlarmCategory.Device, At = Now, Title = $"m{id}" }, null, channels);

    [StoreFact]
    public async Task Only_deliveries_still_due_are_read_oldest_first_and_an_acknowledged_card_is_due_again()
    {
        await stores.Intake.TakeAsync("feed", [.. Enumerable.Range(1, 300).Select(i => Alarm(i, Channel, "teams:19:x"))], "300", Now);
        foreach (var i in Enumerable.Range(1, 295))
            await stores.Outbox.MarkPostedAsync(AlarmDelivery.IdOf($"a{i:D5}", Channel), $"ts{i}", shownVersion: 0, Now);
        await stores.Outbox.MarkFailedAsync(AlarmDelivery.IdOf("a00296", Channel), "channel_not_found");
        await stores.Outbox.MarkRetryAsync(AlarmDelivery.IdOf("a00297", Channel), "rate limited", Now.AddMinutes(1));

        Assert.Equal(["a00298", "a00299", "a00300"], (await stores.Outbox.DueInChannelAsync(Channel, Now, 20)).Select(d => d.AlarmId));
        Assert.Equal(["a00298", "a00299"], (await stores.Outbox.DueInChannelAsync(Channel, Now, 2)).Select(d => d.AlarmId));
        Assert.Equal(["a00297", "a00298", "a00299", "a00300"], (await stores.Outbox.DueInChannelAsync(Channel, Now.AddMinutes(1), 20)).Select(d => d.AlarmId));

        await stores.Outbox.TryChangeStateAsync(new AlarmChange("a00007", AlarmTransition.Acknowledge, new Bot.Core.Channels.ChatUser("slack", "U1", "Ann"), "slack:C1", Now));

        var due = await stores.Outbox.DueInChannelAsync(Channel, Now, 20);
        Assert.Equal(["a00007", "a00298", "a00299", "a00300"], due.Select(d => d.AlarmId));
        Assert.True(due[0].NeedsRefresh);
        Assert.Equal(20, (await stores.Outbox.DueInChannelAsync("teams:19:x", Now, 20)).Count);
    }
}
