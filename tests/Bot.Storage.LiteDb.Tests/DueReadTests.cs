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
}
