using Bot.Core.Storms;

namespace Bot.Host.Tests.Alarms;

/// <summary>A channel's storm cards are edited in turn at its own pace: never faster than the edit interval, slower when its surface is.</summary>
public sealed class StormPaceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_fast_channel_edits_each_card_at_the_edit_interval()
    {
        // Slack's one per second, five cards owed: five seconds, the interval itself.
        Assert.Equal(Now + Interval, StormPresenter.NextEditAt(Now, Interval, TimeSpan.FromSeconds(1), owed: 5));
        Assert.Equal(Now + Interval, StormPresenter.NextEditAt(Now, Interval, TimeSpan.FromMilliseconds(50), owed: 1));
    }

    [Fact]
    public void A_channel_slower_than_its_cards_need_waits_for_all_of_them_to_have_their_turn()
    {
        // A Teams conversation's share of a busy tenant: two seconds an operation, six cards owed: twelve seconds.
        Assert.Equal(Now + TimeSpan.FromSeconds(12), StormPresenter.NextEditAt(Now, Interval, TimeSpan.FromSeconds(2), owed: 6));
        // Nothing else owed: the card's own time, or the interval.
        Assert.Equal(Now + TimeSpan.FromSeconds(7), StormPresenter.NextEditAt(Now, Interval, TimeSpan.FromSeconds(7), owed: 0));
    }
}
