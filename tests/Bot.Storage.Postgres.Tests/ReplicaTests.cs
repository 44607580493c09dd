using Bot.Core.Alarms;
using Bot.Core.Storage;
using Bot.Storage.Conformance;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Storage.Postgres.Tests;

/// <summary>Two replicas on one database (two pools, two replica names): who polls, who posts to a channel, who hears news.</summary>
public sealed class ReplicaTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly PostgresStores _stores = new();
    private readonly PostgresDatabase _a;
    private readonly PostgresDatabase _b;

    public ReplicaTests()
    {
        _a = _stores.Open(new PostgresOptions { ChannelClaim = TimeSpan.FromSeconds(1) });
        _b = _stores.Open(new PostgresOptions { ChannelClaim = TimeSpan.FromSeconds(1) });
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _stores.Dispose();
    }

    private static NewAlarm Alarm(string id, params string[] channels) =>
        new(new IncomingAlarm { Id = id, Source = "feed", Category = AlarmCategory.Device, At = DateTimeOffset.UnixEpoch, Title = id }, null, channels);

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Not within {Patience}: {what}");
            await Task.Delay(50);   // a poll of stored state, not a wait for time to pass
        }
    }

    [StoreFact]
    public async Task One_replica_posts_to_a_channel_until_it_gives_the_channel_back_or_its_claim_expires()
    {
        var a = new PostgresChannelClaims(_a);
        var b = new PostgresChannelClaims(_b);

        Assert.True(await a.TryClaimAsync("slack:C1", default));
        Assert.True(await a.TryClaimAsync("slack:C1", default));   // renewed
        Assert.False(await b.TryClaimAsync("slack:C1", default));
        Assert.True(await b.TryClaimAsync("slack:C2", default));

        await a.ReleaseAsync("slack:C1", default);
        Assert.True(await b.TryClaimAsync("slack:C1", default));
        Assert.False(await a.TryClaimAsync("slack:C1", default));

        // b stops renewing (it died): its claim returns once expired, by the server's clock.
        await Eventually(() => a.TryClaimAsync("slack:C1", default), "the dead replica's claim expires");
    }

    [StoreFact]
    public async Task A_replica_is_not_offered_the_channels_another_replica_holds()
    {
        await new PostgresAlarmStore(_a).TakeAsync("feed", [Alarm("1", "slack:C1", "slack:C2")], "c", DateTimeOffset.UnixEpoch);
        Assert.True(await new PostgresChannelClaims(_a).TryClaimAsync("slack:C1", default));

        Assert.Equal(["slack:C2"], await new PostgresAlarmStore(_b).ChannelsWithDueAsync(DateTimeOffset.UnixEpoch));
        Assert.Equal(["slack:C1", "slack:C2"], (await new PostgresAlarmStore(_a).ChannelsWithDueAsync(DateTimeOffset.UnixEpoch)).Order());
    }

    [StoreFact]
    public async Task One_replica_polls_and_another_takes_over_when_its_connection_ends()
    {
        var a = new PostgresPollerLock(_a);
        var b = new PostgresPollerLock(_b);
        try
        {
            Assert.True(await a.HoldAsync(default));
            Assert.False(await b.HoldAsync(default));
            Assert.True(a.Held);
            Assert.False(b.Held);

            await a.DisposeAsync();   // as when the process dies: the server ends the session and its lock

            await Eventually(() => b.HoldAsync(default), "the other replica takes the poller's lock");
            Assert.True(b.Held);
        }
        finally
        {
            await b.DisposeAsync();
        }
    }

    [StoreFact]
    public async Task A_platform_event_is_handled_once_whichever_replica_it_reaches()
    {
        ISeenEventStore a = new PostgresSeenEvents(_a), b = new PostgresSeenEvents(_b);
        var now = DateTimeOffset.UnixEpoch.AddDays(1);

        var firsts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => (i % 2 == 0 ? a : b).FirstTimeAsync("slack:Ev1", now, TimeSpan.FromHours(2)))));

        Assert.Single(firsts, f => f);
        Assert.True(await a.FirstTimeAsync("slack:Ev1", now.AddHours(3), TimeSpan.FromHours(2)));   // long forgotten: a new event
    }

    [StoreFact]
    public async Task New_work_stored_by_one_replica_wakes_the_others_dispatcher()
    {
        var signal = new AlarmSignal();
        using var listener = new PostgresNotificationListener(_b, signal, TimeProvider.System, NullLogger<PostgresNotificationListener>.Instance);
        var modelChanged = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.ModelChanged += table => modelChanged.TrySetResult(table);
        await listener.StartAsync(default);
        try
        {
            await Eventually(() => Task.FromResult(listener.Listening), "the listener listens");
            var woken = signal.Next;

            await new PostgresAlarmStore(_a).TakeAsync("feed", [Alarm("1", "slack:C1")], "c", DateTimeOffset.UnixEpoch);
            await woken.WaitAsync(Patience);

            await new PostgresChannelStore(_a).MapAsync("slack:C1", "aqm0523");
            Assert.Equal("mappings:slack:C1\taqm0523", await modelChanged.Task.WaitAsync(Patience));
        }
        finally
        {
            await listener.StopAsync(default);
        }
    }
}
