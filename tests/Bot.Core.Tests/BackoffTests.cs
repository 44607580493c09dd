namespace Bot.Core.Tests;

public sealed class BackoffTests
{
    private static readonly Backoff TwoSecondsToFiveMinutes = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5));

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(3, 8)]
    [InlineData(8, 256)]
    [InlineData(9, 300)]
    [InlineData(1000, 300)]
    public void Each_retry_waits_twice_as_long_up_to_the_cap(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), TwoSecondsToFiveMinutes.After(attempt));

    [Fact]
    public void Jitter_stays_in_the_upper_half_of_the_wait()
    {
        for (var i = 0; i < 200; i++)
        {
            var wait = TwoSecondsToFiveMinutes.Jittered(3);
            Assert.InRange(wait, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
        }
    }
}
