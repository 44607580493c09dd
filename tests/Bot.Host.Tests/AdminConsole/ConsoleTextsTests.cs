using System.Text.RegularExpressions;
using Bot.Host.AdminConsole;
using Bot.Host.Tests.Support;

namespace Bot.Host.Tests.AdminConsole;

public sealed partial class ConsoleTextsTests
{
    [Fact]
    public void Every_text_has_both_languages_with_the_same_placeholders()
    {
        Assert.All(ConsoleTexts.Entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Value.En), e.Key);
            Assert.False(string.IsNullOrWhiteSpace(e.Value.Zh), e.Key);
            Assert.Equal(Placeholder().Matches(e.Value.En).Select(m => m.Value).Order(), Placeholder().Matches(e.Value.Zh).Select(m => m.Value).Order());
        });
    }

    [Fact]
    public async Task The_page_uses_only_texts_of_the_catalog()
    {
        await using var bot = await BotTestHost.StartAsync();
        var html = await bot.Client.GetStringAsync("/admin/");
        var script = await bot.Client.GetStringAsync("/admin/console.js");

        var used = DataText().Matches(html + script).Select(m => m.Groups[1].Value)
            .Concat(ScriptText().Matches(script).Select(m => m.Groups[1].Value)).ToHashSet();

        Assert.True(used.Count > 20, $"only {used.Count} texts found");
        Assert.Equal([], used.Where(key => !ConsoleTexts.Entries.ContainsKey(key)).Order().ToArray());
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("""data-text[=:] ?["']([A-Za-z]+)["']""")]
    private static partial Regex DataText();

    [GeneratedRegex("""\b(?:t|button)\('([A-Za-z]+)'""")]
    private static partial Regex ScriptText();
}
