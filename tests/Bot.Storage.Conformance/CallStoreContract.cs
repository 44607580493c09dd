using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Storage;

namespace Bot.Storage.Conformance;

/// <summary>The call store's contract, whichever store keeps the calls.</summary>
public abstract class CallStoreContract(IStoreSet stores) : IDisposable
{
    public void Dispose() => stores.Dispose();

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

    private static Task Add(ICallStore store, Call call) => store.AddAsync(call, Line(call, CallEvents.Requested));

    [StoreFact]
    public async Task A_call_reads_back_exactly_after_a_restart()
    {
        await Add(stores.Calls, NewCall("a1"));

        stores.Reopen();
        var reopened = stores.Calls;
        Assert.Equal(NewCall("a1"), await reopened.FindAsync("a1"));
    }

    [StoreFact]
    public async Task Of_many_concurrent_transitions_exactly_one_applies()
    {
        var store = stores.Calls;
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

    [StoreFact]
    public async Task A_transition_from_the_wrong_state_changes_nothing()
    {
        var store = stores.Calls;
        await Add(store, NewCall("a1") with { State = CallState.Sent });

        var result = await store.TryTransitionAsync("a1", [CallState.Pending], c => c with { State = CallState.Cancelled });

        Assert.False(result.Applied);
        Assert.Equal(CallState.Sent, result.Call!.State);
        Assert.Equal(CallState.Sent, (await store.FindAsync("a1"))!.State);
        Assert.False((await store.TryTransitionAsync("missing", [CallState.Pending], c => c)).Applied);
    }

    [StoreFact]
    public async Task Calls_are_found_by_state_and_audit_reads_newest_first()
    {
        var store = stores.Calls;
        await Add(store, NewCall("p1"));
        await Add(store, NewCall("s1") with { State = CallState.Sent });
        await store.AuditAsync(new CallAuditEntry("p1", "aqm0523", "slack:C1", "slack:U1", "a", DateTimeOffset.FromUnixTimeSeconds(2_000_000_000), CallEvents.Confirmed, "attempt 1"));

        Assert.Equal(["p1"], (await store.InStateAsync(CallState.Pending)).Select(c => c.Id));
        Assert.Equal([CallEvents.Confirmed, CallEvents.Requested, CallEvents.Requested], (await store.AuditLogAsync(10)).Select(a => a.Event));
    }
}
