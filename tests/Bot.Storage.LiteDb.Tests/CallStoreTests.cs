using Bot.Core.Calls;
using Bot.Core.Channels;

namespace Bot.Storage.LiteDb.Tests;

public sealed class CallStoreTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private static Call NewCall(string id) => new()
    {
        Id = id,
        DeviceId = "aqm0523",
        ChannelKey = "slack:C1",
        RequestedBy = new ChatUser("slack", "U1", "张三 <&>"),
        Locale = "zh-CN",
        State = CallState.Pending,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123),
        ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_300_123),
    };

    private static CallAuditEntry Line(Call call, string @event) =>
        new(call.Id, call.DeviceId, call.ChannelKey, call.RequestedBy.Key, call.RequestedBy.Name, call.CreatedAt, @event, null);

    private static Task Add(LiteDbCallStore store, Call call) => store.AddAsync(call, Line(call, CallEvents.Requested));

    [Fact]
    public async Task A_call_reads_back_exactly_after_a_restart()
    {
        var store = new LiteDbCallStore(_fixture.Database);
        await Add(store, NewCall("a1"));

        var reopened = new LiteDbCallStore(_fixture.Reopen());
        Assert.Equal(NewCall("a1"), await reopened.FindAsync("a1"));
    }

    [Fact]
    public async Task Of_many_concurrent_transitions_exactly_one_applies()
    {
        var store = new LiteDbCallStore(_fixture.Database);
        await Add(store, NewCall("a1"));

        var results = Concurrently.Run(16, () =>
            store.TryTransitionAsync("a1", [CallState.Pending], c => c with { State = CallState.Confirmed, Attempts = c.Attempts + 1 },
                c => Line(c, CallEvents.Confirmed)).Result);

        Assert.Equal(1, results.Count(r => r.Applied));
        Assert.Single(await store.AuditLogAsync(50), a => a.Event == CallEvents.Confirmed);   // the audit line only with the step that happened
        var stored = await store.FindAsync("a1");
        Assert.Equal(CallState.Confirmed, stored!.State);
        Assert.Equal(1, stored.Attempts);
    }

    [Fact]
    public async Task A_transition_from_the_wrong_state_changes_nothing()
    {
        var store = new LiteDbCallStore(_fixture.Database);
        await Add(store, NewCall("a1") with { State = CallState.Sent });

        var result = await store.TryTransitionAsync("a1", [CallState.Pending], c => c with { State = CallState.Cancelled });

        Assert.False(result.Applied);
        Assert.Equal(CallState.Sent, result.Call!.State);
        Assert.Equal(CallState.Sent, (await store.FindAsync("a1"))!.State);
        Assert.False((await store.TryTransitionAsync("missing", [CallState.Pending], c => c)).Applied);
    }

    [Fact]
    public async Task Calls_are_found_by_state_and_audit_reads_newest_first()
    {
        var store = new LiteDbCallStore(_fixture.Database);
        await Add(store, NewCall("p1"));
        await Add(store, NewCall("s1") with { State = CallState.Sent });
        await store.AuditAsync(new CallAuditEntry("p1", "aqm0523", "slack:C1", "slack:U1", "a", DateTimeOffset.FromUnixTimeSeconds(2_000_000_000), CallEvents.Confirmed, "attempt 1"));

        Assert.Equal(["p1"], (await store.InStateAsync(CallState.Pending)).Select(c => c.Id));
        Assert.Equal([CallEvents.Confirmed, CallEvents.Requested, CallEvents.Requested], (await store.AuditLogAsync(10)).Select(a => a.Event));
    }
}
