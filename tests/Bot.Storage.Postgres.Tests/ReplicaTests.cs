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
        var second = TimeSpan.FromSeconds(1);

        Assert.Equal(ChannelClaim.Now, await a.TryClaimAsync("slack:C1", second, default));
        Assert.Equal(ChannelClaim.Now, await a.TryClaimAsync("slack:C1", second, default));   // renewed, no wait for its own posts
        Assert.False((await b.TryClaimAsync("slack:C1", second, default)).Held);
        Assert.True((await b.TryClaimAsync("slack:C2", second, default)).Held);

        await a.ReleaseAsync("slack:C1", second, default);
        Assert.True((await b.TryClaimAsync("slack:C1", second, default)).Held);
        Assert.False((await a.TryClaimAsync("slack:C1", second, default)).Held);

        // b stops renewing (it died): its claim returns once expired, by the server's clock.
        await Eventually(async () => (await a.TryClaimAsync("slack:C1", second, default)).Held, "the dead replica's claim expires");
    }

    [StoreFact]
    public async Task A_replica_taking_a_channel_over_waits_as_long_as_the_previous_holders_pacing_asks()
    {
        var a = new PostgresChannelClaims(_a);
        var b = new PostgresChannelClaims(_b);
        var hour = TimeSpan.FromHours(1);

        Assert.True((await a.TryClaimAsync("teams-tenant:T1", hour, default)).Held);
        await a.ReleaseAsync("teams-tenant:T1", hour, default);
        var taken = await b.TryClaimAsync("teams-tenant:T1", TimeSpan.Zero, default);
        Assert.True(taken.Held);
        Assert.InRange(taken.Wait, TimeSpan.FromMinutes(50), hour);
        Assert.Equal(ChannelClaim.Now, await b.TryClaimAsync("teams-tenant:T1", TimeSpan.Zero, default));   // its own claim now
        // While it waits, the scope stays the taker's (its lease counts from when it may post), though its lease is one second.
        var meanwhile = await a.TryClaimAsync("teams-tenant:T1", TimeSpan.Zero, default);
        Assert.False(meanwhile.Held);
        Assert.True(meanwhile.Wait > TimeSpan.FromMinutes(50));

        // Kept after the last answer: the claim lasts at least as long as the pacing remembers (here an hour, beyond the lease).
        Assert.True((await a.TryClaimAsync("slack:C9", TimeSpan.Zero, default)).Held);
        await a.KeepAsync("slack:C9", hour, default);
        var refused = await b.TryClaimAsync("slack:C9", TimeSpan.Zero, default);
        Assert.False(refused.Held);
        Assert.True(refused.Wait > TimeSpan.FromMinutes(50));

        // Kept with a short memory: another replica gets it once the lease ran out.
        Assert.True((await a.TryClaimAsync("slack:C8", TimeSpan.Zero, default)).Held);
        await a.KeepAsync("slack:C8", TimeSpan.Zero, default);
        await Eventually(async () => (await b.TryClaimAsync("slack:C8", TimeSpan.Zero, default)).Held, "the kept claim expires");
    }

    [StoreFact]
    public async Task A_replica_is_not_offered_the_channels_another_replica_holds()
    {
        await new PostgresAlarmStore(_a).TakeAsync("feed", [Alarm("1", "slack:C1", "slack:C2")], "c", DateTimeOffset.UnixEpoch);
        Assert.True((await new PostgresChannelClaims(_a).TryClaimAsync("slack:C1", TimeSpan.Zero, default)).Held);

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
