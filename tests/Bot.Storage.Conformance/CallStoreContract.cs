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

    private static Task Add(ICallStore store, Call call) => store.TryAddAsync(call, Line(call, CallEvents.Requested));

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
    public async Task Of_many_concurrent_inserts_of_one_call_exactly_one_stores_it_with_its_line()
    {
        var store = stores.Calls;
        var results = Concurrently.Run(16, () =>
        {
            var confirmed = NewCall("t1") with { State = CallState.Confirmed, Attempts = 1 };
            return store.TryAddAsync(confirmed, Line(confirmed, CallEvents.Confirmed)).Result;
        });

        Assert.Equal(1, results.Count(r => r.Applied));
        Assert.All(results.Where(r => !r.Applied), r => Assert.Equal(CallState.Confirmed, r.Call!.State));   // the others read what was stored
        Assert.Single(await store.AuditLogAsync(50), a => a.Event == CallEvents.Confirmed);
        Assert.Equal(NewCall("t1") with { State = CallState.Confirmed, Attempts = 1 }, await store.FindAsync("t1"));

        var later = await store.TryAddAsync(NewCall("t1") with { State = CallState.Cancelled }, Line(NewCall("t1"), CallEvents.Cancelled));
        Assert.False(later.Applied);
        Assert.Equal(CallState.Confirmed, (await store.FindAsync("t1"))!.State);
    }

    [StoreFact]
    public async Task Many_audit_lines_are_stored_in_one_write_and_read_back_exactly()
    {
        var store = stores.Calls;
        var lines = Enumerable.Range(0, 300).Select(i => new CallAuditEntry($"c{i}", "aqm0523", "slack:C1", "slack:U1", "张三 <&>",
            DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + i), i % 2 == 0 ? CallEvents.Requested : CallEvents.RefusedNotMapped, i % 3 == 0 ? null : $"detail {i}")).ToList();

        await store.AuditManyAsync(lines);
        await store.AuditManyAsync([]);

        stores.Reopen();
        Assert.Equal(Enumerable.Reverse(lines), await stores.Calls.AuditLogAsync(1000));
    }

    [StoreFact]
    public async Task A_signing_key_is_made_once_kept_across_a_restart_and_the_same_for_every_caller()
    {
        // Names of this test's own: the store's database is shared with the other tests of its fixture, which make keys too.
        var name = $"call-token-{Guid.NewGuid():N}";
        var other = $"other-{Guid.NewGuid():N}";
        var candidates = Enumerable.Range(0, 8).Select(i => Enumerable.Repeat((byte)(i + 1), 32).ToArray()).ToList();
        var keys = Concurrently.Run(8, () => stores.Keys.GetOrAddAsync(name, candidates[Random.Shared.Next(8)]).Result);

        var kept = keys[0];
        Assert.All(keys, k => Assert.Equal(kept, k));
        Assert.Contains(candidates, c => c.SequenceEqual(kept));
        stores.Reopen();
        Assert.Equal(kept, await stores.Keys.GetOrAddAsync(name, new byte[32]));
        Assert.Equal(new byte[] { 9 }, await stores.Keys.GetOrAddAsync(other, [9]));
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
