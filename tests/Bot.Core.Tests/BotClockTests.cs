using System.Globalization;
using Bot.Core.Text;

namespace Bot.Core.Tests;

public sealed class BotClockTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public void An_instant_shows_in_the_zone_with_its_offset_and_the_same_second_shows_the_same()
    {
        var clock = new BotClock(TimeProvider.System, Shanghai);
        var instant = new DateTimeOffset(2026, 11, 22, 11, 36, 5, 120, TimeSpan.Zero);

        Assert.Equal("2026-11-22 19:36:05 (UTC+08:00)", clock.Show(instant));
        Assert.Equal("2026-11-22 19:36:05 (UTC+08:00)", clock.Show(instant.AddMilliseconds(800)));
        Assert.Equal("2026-11-22 19:36:06 (UTC+08:00)", clock.Show(instant.AddMilliseconds(880)));
        // Eight seconds later lands in the same remembered slot: it must not show the older text.
        Assert.Equal("2026-11-22 19:36:13 (UTC+08:00)", clock.Show(instant.AddSeconds(8)));
        Assert.Equal("2026-11-22 19:36:05 (UTC+08:00)", clock.Show(instant));
        Assert.Equal("2016-11-22 19:36:05 (UTC+08:00)", clock.Show(instant.AddYears(-10)));
    }

    [Fact]
    public void A_negative_offset_shows_its_sign()
    {
        var clock = new BotClock(TimeProvider.System, TimeZoneInfo.CreateCustomTimeZone("minus5", TimeSpan.FromHours(-5), "minus5", "minus5"));
        Assert.Equal("2026-11-22 06:36:05 (UTC-05:00)", clock.Show(new DateTimeOffset(2026, 11, 22, 11, 36, 5, TimeSpan.Zero)));
    }

    [Fact]
    public void A_text_written_under_one_culture_is_not_reused_under_another()
    {
        var clock = new BotClock(TimeProvider.System, TimeZoneInfo.Utc);
        var instant = new DateTimeOffset(2026, 11, 22, 11, 36, 5, TimeSpan.Zero);
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var invariant = clock.Show(instant);
            var dotted = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            dotted.DateTimeFormat.TimeSeparator = ".";
            CultureInfo.CurrentCulture = dotted;
            Assert.Equal("2026-11-22 11:36:05 (UTC+00:00)", invariant);
            Assert.Equal("2026-11-22 11.36.05 (UTC+00:00)", clock.Show(instant));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
