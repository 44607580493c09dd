using Bot.Core.OnCall;
using Bot.Core.Storage;

namespace Bot.Storage.Conformance;

/// <summary>Who is on call in each channel, kept in the order people were added.</summary>
public abstract class OnCallStoreContract(IStoreSet stores) : IDisposable
{
    private static readonly OnCallPerson Ann = new("U-ANN", "Ann");
    private static readonly OnCallPerson Bo = new("U-BO", "Bo");
    private static readonly OnCallPerson Cy = new("U-CY", "Cy");
    private IOnCallStore _onCall = stores.OnCall;

    public void Dispose() => stores.Dispose();

    [StoreFact]
    public async Task People_are_added_once_in_order_removed_by_id_and_kept_across_a_restart()
    {
        Assert.True(await _onCall.AddOnCallAsync("slack:C1", Bo));
        Assert.True(await _onCall.AddOnCallAsync("slack:C1", Ann));
        Assert.False(await _onCall.AddOnCallAsync("slack:C1", Bo with { Name = "Bo again" }));
        Assert.True(await _onCall.AddOnCallAsync("slack:C1", Cy));
        Assert.True(await _onCall.AddOnCallAsync("teams:19:a", Ann));

        Assert.True(await _onCall.RemoveOnCallAsync("slack:C1", Ann.Id));
        Assert.False(await _onCall.RemoveOnCallAsync("slack:C1", Ann.Id));
        Assert.False(await _onCall.RemoveOnCallAsync("slack:C9", Ann.Id));

        stores.Reopen();
        _onCall = stores.OnCall;

        Assert.Equal([Bo, Cy], await _onCall.OnCallAsync("slack:C1"));
        Assert.Equal([Ann], await _onCall.OnCallAsync("teams:19:a"));
        Assert.Empty(await _onCall.OnCallAsync("slack:C9"));
        // Added after a removal: last in the order.
        Assert.True(await _onCall.AddOnCallAsync("slack:C1", Ann));
        Assert.Equal([Bo, Cy, Ann], await _onCall.OnCallAsync("slack:C1"));
    }

    [StoreFact]
    public async Task Setting_replaces_the_list_once_per_person_and_an_empty_list_clears_it()
    {
        await _onCall.AddOnCallAsync("slack:C1", Ann);
        await _onCall.SetOnCallAsync("slack:C1", [Cy, Bo, Cy with { Name = "Cy twice" }]);
        Assert.Equal([Cy, Bo], await _onCall.OnCallAsync("slack:C1"));
        Assert.True(await _onCall.AddOnCallAsync("slack:C1", Ann));
        Assert.Equal([Cy, Bo, Ann], await _onCall.OnCallAsync("slack:C1"));

        await _onCall.SetOnCallAsync("slack:C1", []);
        Assert.Empty(await _onCall.OnCallAsync("slack:C1"));
        Assert.False(await _onCall.RemoveOnCallAsync("slack:C1", Bo.Id));
    }

    [StoreFact]
    public async Task People_added_at_once_are_each_added_once()
    {
        var people = Enumerable.Range(0, 12).Select(i => new OnCallPerson($"U{i % 4}", $"P{i % 4}")).ToList();
        var added = await Task.WhenAll(people.Select(p => stores.OnCall.AddOnCallAsync("slack:C1", p)));
        Assert.Equal(4, added.Count(a => a));
        Assert.Equal(["U0", "U1", "U2", "U3"], (await _onCall.OnCallAsync("slack:C1")).Select(p => p.Id).Order());
    }
}
