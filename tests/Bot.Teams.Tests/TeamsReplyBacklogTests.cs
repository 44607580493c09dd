using Bot.Teams.Endpoint;

namespace Bot.Teams.Tests;

public sealed class TeamsReplyBacklogTests
{
    [Fact]
    public void A_conversation_holds_at_most_the_limit_of_waiting_replies_and_one_leaving_makes_room()
    {
        var backlog = new TeamsReplyBacklog();
        for (var i = 0; i < TeamsReplyBacklog.MaxWaiting; i++) Assert.True(backlog.TryEnter("teams:19:a@thread.tacv2"));

        Assert.False(backlog.TryEnter("teams:19:a@thread.tacv2"));
        Assert.Equal(TeamsReplyBacklog.MaxWaiting, backlog.Waiting("teams:19:a@thread.tacv2"));
        Assert.True(backlog.TryEnter("teams:19:b@thread.tacv2"));

        backlog.Leave("teams:19:a@thread.tacv2");
        Assert.True(backlog.TryEnter("teams:19:a@thread.tacv2"));
        Assert.False(backlog.TryEnter("teams:19:a@thread.tacv2"));
    }

    [Fact]
    public async Task Many_threads_at_once_never_count_past_the_limit()
    {
        var backlog = new TeamsReplyBacklog();
        var entered = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 200).Count(_ => backlog.TryEnter("teams:c")))));

        Assert.Equal(TeamsReplyBacklog.MaxWaiting, entered.Sum());
        Assert.Equal(TeamsReplyBacklog.MaxWaiting, backlog.Waiting("teams:c"));
        Assert.Equal(0, backlog.Waiting("teams:other"));
    }

    [Fact]
    public void Dropped_replies_warn_at_once_then_at_most_once_an_interval_with_the_count_since_the_last_warning()
    {
        var backlog = new TeamsReplyBacklog();
        var start = new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

        Assert.Equal(1, backlog.Dropped("teams:a", start));
        for (var i = 1; i <= 5; i++) Assert.Null(backlog.Dropped("teams:a", start.AddSeconds(i)));
        // Another conversation has its own warnings.
        Assert.Equal(1, backlog.Dropped("teams:b", start.AddSeconds(6)));
        Assert.Null(backlog.Dropped("teams:a", start + TeamsReplyBacklog.WarningInterval - TimeSpan.FromTicks(1)));

        Assert.Equal(7, backlog.Dropped("teams:a", start + TeamsReplyBacklog.WarningInterval));
        Assert.Null(backlog.Dropped("teams:a", start + TeamsReplyBacklog.WarningInterval + TimeSpan.FromSeconds(1)));
        Assert.Equal(2, backlog.Dropped("teams:a", start + 2 * TeamsReplyBacklog.WarningInterval + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Drops_from_many_threads_are_each_counted_in_exactly_one_warning()
    {
        var backlog = new TeamsReplyBacklog();
        var start = new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);
        // Every drop at a time past the previous interval: warnings race, none may lose or repeat a count.
        var reported = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
            Enumerable.Range(0, 500).Sum(i => backlog.Dropped("teams:c", start + (i + 1) * TeamsReplyBacklog.WarningInterval) ?? 0))));
        var rest = backlog.Dropped("teams:c", start + 1000 * TeamsReplyBacklog.WarningInterval) ?? 0;

        Assert.Equal(8 * 500 + 1, reported.Sum() + rest);
    }
}
