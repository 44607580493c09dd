using Bot.Core.Commands;

namespace Bot.Core.Tests;

public sealed class CommandParserTests
{
    [Theory]
    [InlineData("call aqm0523", "aqm0523")]
    [InlineData("/call aqm0523", "aqm0523")]
    [InlineData("  CALL   aqm0523  ", "aqm0523")]
    [InlineData("Call AQM0523", "AQM0523")]
    [InlineData("ｃａｌｌ　ａｑｍ０５２３", "aqm0523")]   // full-width letters, digits and the ideographic space
    [InlineData("呼叫 aqm0523", "aqm0523")]
    [InlineData("call\taqm0523\n", "aqm0523")]
    public void Call_is_recognised_however_it_is_typed(string text, string device) =>
        Assert.Equal(new BotCommand.Call(device), CommandParser.Parse(text));

    [Fact]
    public void Call_without_a_device_asks_for_the_list() =>
        Assert.Equal(new BotCommand.Call(null), CommandParser.Parse("/call"));

    [Theory]
    [InlineData("devices map aqm0523")]
    [InlineData("/devices map aqm0523")]
    [InlineData("map aqm0523")]
    [InlineData("DEVICES  MAP  aqm0523")]
    public void Map_is_recognised(string text) =>
        Assert.Equal(new BotCommand.Map("aqm0523"), CommandParser.Parse(text));

    [Theory]
    [InlineData("devices unmap x1")]
    [InlineData("unmap x1")]
    public void Unmap_is_recognised(string text) =>
        Assert.Equal(new BotCommand.Unmap("x1"), CommandParser.Parse(text));

    [Theory]
    [InlineData("devices")]
    [InlineData("/devices")]
    [InlineData("设备")]
    public void Devices_lists(string text) => Assert.IsType<BotCommand.Devices>(CommandParser.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("help")]
    [InlineData("/")]
    public void Empty_or_help_gives_help(string? text) => Assert.IsType<BotCommand.Help>(CommandParser.Parse(text));

    [Theory]
    [InlineData("reboot aqm0523")]
    [InlineData("devices call x")]
    public void Anything_else_is_unknown(string text) => Assert.IsType<BotCommand.Unknown>(CommandParser.Parse(text));

    [Fact]
    public void A_huge_input_is_cut_and_echoed_short()
    {
        var parsed = Assert.IsType<BotCommand.Unknown>(CommandParser.Parse("x" + new string('y', 100_000)));
        Assert.True(parsed.Text.Length <= 61);
    }

    [Theory]
    [InlineData("alarms", false, 1)]
    [InlineData("/alarms", false, 1)]
    [InlineData("告警", false, 1)]
    [InlineData("alarms all", true, 1)]
    [InlineData("/alarms ALL 3", true, 3)]
    [InlineData("alarms 2", false, 2)]
    [InlineData("告警 全部", true, 1)]
    public void Alarms_is_recognised_with_all_and_a_page(string text, bool all, int page) =>
        Assert.Equal(new BotCommand.Alarms(all, page), CommandParser.Parse(text));

    [Theory]
    [InlineData("alarms everything")]
    [InlineData("alarms -1")]
    [InlineData("alarms 0")]
    public void Alarms_with_anything_else_is_not_understood(string text) =>
        Assert.IsType<BotCommand.Unknown>(CommandParser.Parse(text));
}
