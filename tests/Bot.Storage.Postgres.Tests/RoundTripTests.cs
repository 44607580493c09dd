using Bot.Core.Alarms;
using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Storage;
using Bot.Storage.Conformance;
using Microsoft.Extensions.Options;

namespace Bot.Storage.Postgres.Tests;

/// <summary>
/// The store calls the conformance contracts do not reach, each written and read back on the server: every statement
/// binds the parameters it names and every row is read column by column in the order it is selected.
/// </summary>
public sealed class RoundTripTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T08:00:00Z");
    private readonly PostgresStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [StoreFact]
    public async Task A_caller_is_stored_replaced_listed_and_removed()
    {
        var callers = _stores.Callers;
        await callers.SetAsync("slack:T1:U1", new IsdpCaller(4_000_000_001, "Ann", "A-1", 7));
        await callers.SetAsync("slack:T1:U2", new IsdpCaller(2, "Bob", "B-2", 8));
        await callers.SetAsync("slack:T1:U1", new IsdpCaller(3, "Ann B.", "A-3", 9));

        Assert.Equal(new IsdpCaller(3, "Ann B.", "A-3", 9), await callers.FindAsync("slack:T1:U1"));
        var all = await callers.AllAsync();
        Assert.Equal(["slack:T1:U1", "slack:T1:U2"], all.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new IsdpCaller(2, "Bob", "B-2", 8), all["slack:T1:U2"]);
        Assert.True(await callers.RemoveAsync("slack:T1:U2"));
        Assert.False(await callers.RemoveAsync("slack:T1:U2"));
        Assert.Null(await callers.FindAsync("slack:T1:U2"));
    }

    [StoreFact]
    public async Task Devices_and_mappings_stored_in_batches_read_back_and_unmap_once()
    {
        await _stores.Devices.UpsertAsync(new Device { DeviceId = "a", IsdpDeviceId = "a--0", ChatJid = "0@x" });
        var added = await _stores.Devices.UpsertManyAsync(
        [
            new Device { DeviceId = "a", IsdpDeviceId = "a--1", ChatJid = "1@x", Alias = "Lobby" },
            new Device { DeviceId = "b", IsdpDeviceId = "b--1", ChatJid = "2@x", AlarmSource = new SourceIdentity("P1", "b") },
        ]);
        var mapped = await _stores.Mappings.MapManyAsync(
            [new Channel { Platform = "slack", ExternalId = "C1", Name = "ops" }],
            [new ChannelDeviceMapping("slack:C1", "a"), new ChannelDeviceMapping("slack:C1", "b"), new ChannelDeviceMapping("slack:C1", "a")]);

        Assert.Equal(1, added);
        Assert.Equal(("a--1", "1@x", "Lobby"), await _stores.Devices.FindAsync("a") is { } a ? (a.IsdpDeviceId, a.ChatJid, a.Alias) : default);
        Assert.Equal(new SourceIdentity("P1", "b"), (await _stores.Devices.FindAsync("b"))!.AlarmSource);
        Assert.Equal(2, mapped);
        Assert.Equal("ops", (await _stores.Channels.FindAsync("slack:C1"))!.Name);
        Assert.Equal(["slack:C1\ta", "slack:C1\tb"], (await _stores.Mappings.AllAsync()).Select(m => $"{m.ChannelKey}\t{m.DeviceId}").Order(StringComparer.Ordinal));
        Assert.True(await _stores.Mappings.UnmapAsync("slack:C1", "a"));
        Assert.False(await _stores.Mappings.UnmapAsync("slack:C1", "a"));
        Assert.Equal(["b"], await _stores.Mappings.DevicesOfAsync("slack:C1"));
    }

    [StoreFact]
    public async Task An_unknown_outcome_counts_as_an_attempt_and_a_logged_version_stops_a_posted_card_being_due()
    {
        await _stores.Intake.TakeAsync("feed/1", [new NewAlarm(new IncomingAlarm { Id = "1", Source = "feed", Category = AlarmCategory.Device, Title = "m1", At = Now }, null, ["slack:C1", "slack:C2"])], "1", Now);
        var first = AlarmDelivery.IdOf("1", "slack:C1");
        var second = AlarmDelivery.IdOf("1", "slack:C2");

        await _stores.Outbox.MarkUnknownOutcomeAsync(first, "timed out", Now.AddSeconds(5));
        await _stores.Outbox.MarkPostedAsync(second, "ts-2", 0, Now);
        await _stores.Outbox.TryChangeStateAsync(new AlarmChange("1", AlarmTransition.Acknowledge, new ChatUser("slack", "U1", "Ann"), "slack:C2", Now) { LogInThread = true }, "ts-2");
        await _stores.Outbox.MarkLoggedAsync(second, 1);

        var deliveries = await _stores.Alarms.DeliveriesOfAsync("1");
        var unknown = deliveries.Single(d => d.ChannelKey == "slack:C1");
        Assert.Equal((1, 1, "timed out"), (unknown.Attempts, unknown.UnknownOutcomes, unknown.LastError));
        var logged = deliveries.Single(d => d.ChannelKey == "slack:C2");
        Assert.Equal((DeliveryState.Posted, "ts-2", 1L), (logged.State, logged.MessageRef, logged.LoggedVersion));
        Assert.Equal(new Dictionary<string, int> { ["slack:C1"] = 1 }, await _stores.Outbox.QueuedAsync());
    }

    [StoreFact]
    public async Task The_probe_answers_nothing_when_the_server_answers_and_names_the_fault_when_it_does_not()
    {
        await using var down = new PostgresDatabase(Options.Create(new PostgresOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=bot;Password=bot;Timeout=2" }));

        Assert.Null(await new PostgresStorageProbe(_stores.Database).ProblemAsync());
        Assert.StartsWith("PostgreSQL: ", await new PostgresStorageProbe(down).ProblemAsync());
    }

#if DEBUG
    [StoreFact]
    public async Task A_statement_naming_a_parameter_it_was_not_given_is_refused_before_it_is_sent()
    {
        await using var c = await _stores.Database.OpenAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => c.Command("DELETE FROM callers WHERE user_key = @userKey").ExecuteAsync(CancellationToken.None));
        Assert.Contains("@userKey", refused.Message, StringComparison.Ordinal);
    }
#endif
}
