using System.Text.RegularExpressions;
using Bot.Core.Text;

namespace Bot.Core.Tests;

public sealed partial class TextCatalogTests
{
    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [Fact]
    public void Every_text_exists_in_both_languages_with_the_same_placeholders()
    {
        foreach (var id in Enum.GetValues<TextId>())
        {
            Assert.True(TextCatalog.Entries.TryGetValue(id, out var entry), $"{id} has no words");
            Assert.False(string.IsNullOrWhiteSpace(entry.En), $"{id} has no English");
            Assert.False(string.IsNullOrWhiteSpace(entry.Zh), $"{id} has no Chinese");
            var en = Placeholder().Matches(entry.En).Select(m => m.Value).Order();
            var zh = Placeholder().Matches(entry.Zh).Select(m => m.Value).Order();
            Assert.True(en.SequenceEqual(zh), $"{id}: placeholders differ between English and Chinese");
        }
    }

    [Theory]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-TW", "zh-Hans")]
    [InlineData("zh-Hans", "zh-Hans")]
    [InlineData("en-US", "en")]
    [InlineData("en", "en")]
    [InlineData("fr-FR", "en")]    // neither: the configured default (en here)
    [InlineData(null, "en")]
    public void The_locale_picks_the_language(string? locale, string language) =>
        Assert.Equal(language, Texts.For(locale, "en-US").Language);

    [Fact]
    public void The_default_applies_when_the_locale_is_unknown() =>
        Assert.Equal("zh-Hans", Texts.For("de-DE", "zh-CN").Language);

    [Fact]
    public void Times_show_in_the_configured_zone()
    {
        var clock = new BotClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Equal("2019-11-27 19:52:01 (UTC+08:00)", clock.Show(DateTimeOffset.FromUnixTimeMilliseconds(1574855521420)));
    }
}
