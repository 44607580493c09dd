using Bot.Core.Calls;

namespace Bot.Core.Tests.Calls;

public sealed class CallIdsTests
{
    [Fact]
    public void Ids_are_twenty_lower_case_hex_digits_and_do_not_repeat_across_many_blocks()
    {
        // Many times the per-thread block, so refills are crossed too.
        var ids = Enumerable.Range(0, 5_000).Select(_ => CallIds.New()).ToList();

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{20}$", id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Threads_beside_each_other_get_different_ids()
    {
        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Enumerable.Range(0, 500).Select(_ => CallIds.New()).ToList())));
        var all = batches.SelectMany(b => b).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }
}
