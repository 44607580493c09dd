using Bot.Storage.Conformance;

namespace Bot.Storage.LiteDb.Tests;

/// <summary>The due read's contract on LiteDB, and its plan: it seeks the index of due deliveries, never the channel's history.</summary>
public sealed class DueReadTests : DueReadContract
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T08:00:00Z");
    private readonly LiteDbStores _stores;

    public DueReadTests() : this(new LiteDbStores()) { }

    private DueReadTests(LiteDbStores stores) : base(stores) => _stores = stores;

    [Fact]
    public void The_due_read_seeks_the_index_of_due_deliveries()
    {
        var plan = _stores.AlarmStore.DueInChannel("slack:C1", Instants.ToStored(Now)).GetPlan();

        Assert.Equal(LiteDbAlarmStore.DueInChannelIndex, plan["index"]["name"].AsString);
        Assert.StartsWith("INDEX SEEK", plan["index"]["mode"].AsString, StringComparison.Ordinal);
    }

    [Fact]
    public void The_next_due_time_is_the_first_key_of_its_index_not_a_sort_of_every_due_delivery()
    {
        var plan = _stores.AlarmStore.EarliestDue().GetPlan();

        Assert.Equal(LiteDbAlarmStore.DueAtIndex, plan["index"]["name"].AsString);
        Assert.False(plan.ContainsKey("orderBy"), plan.ToString());
    }

    [Fact]
    public void The_channels_with_due_deliveries_are_found_by_stepping_along_the_index_of_due_deliveries_by_channel()
    {
        var plan = _stores.AlarmStore.ChannelsAfter("slack:C1", Instants.ToStored(Now)).GetPlan();

        Assert.Equal(LiteDbAlarmStore.DueInChannelIndex, plan["index"]["name"].AsString);
        Assert.False(plan.ContainsKey("orderBy"), plan.ToString());
    }

    [Fact]
    public void The_oldest_are_picked_from_any_order_and_no_more_than_asked()
    {
        var seqs = new long[] { 9, 3, 7, 1, 8, 2, 6, 4, 5, 3 };
        var deliveries = seqs.Select((seq, i) => new DeliveryDocument { Id = $"d{i}", Seq = seq }).ToList();

        Assert.Equal([1L, 2, 3, 3], LiteDbAlarmStore.Oldest(deliveries, 4).Select(d => d.Seq));
        Assert.Equal(["d3", "d5", "d1", "d9"], LiteDbAlarmStore.Oldest(deliveries, 4).Select(d => d.Id));
        Assert.Equal(seqs.Order(), LiteDbAlarmStore.Oldest(deliveries, 100).Select(d => d.Seq));
        Assert.Empty(LiteDbAlarmStore.Oldest(deliveries, 0));
    }
}
