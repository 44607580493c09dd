using Bot.Core.Channels;

namespace Bot.Host.Tests.Channels;

/// <summary>A channel's lane and its storm cards take turns: one operation at a time per channel, other channels untouched.</summary>
public sealed class ChannelTurnsTests
{
    [Fact]
    public async Task A_second_operation_in_a_channel_waits_for_the_first_and_another_channel_does_not()
    {
        var turns = new ChannelTurns();
        await turns.TakeAsync("teams:19:a", CancellationToken.None);

        var second = turns.TakeAsync("teams:19:a", CancellationToken.None);
        var elsewhere = turns.TakeAsync("teams:19:b", CancellationToken.None);
        await elsewhere.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(second.IsCompleted);

        turns.Give("teams:19:a");
        await second.WaitAsync(TimeSpan.FromSeconds(30));
        turns.Give("teams:19:a");
        turns.Give("teams:19:b");
    }
}
