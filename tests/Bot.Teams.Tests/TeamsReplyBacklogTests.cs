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
}
