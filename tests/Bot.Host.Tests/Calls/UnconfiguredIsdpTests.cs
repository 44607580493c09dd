using Bot.Core;
using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.Core.Text;
using Bot.Host.Tests.Support;
using Bot.Slack;

namespace Bot.Host.Tests.Calls;

/// <summary>A production bot without ISDP (Slack only, as while ISDP is still being set up): a call fails, saying why, in the caller's language.</summary>
public sealed class UnconfiguredIsdpTests
{
    private static readonly Channel Ops = new() { Platform = SlackPlatform.Name, ExternalId = "C-OPS", Name = "ops" };
    private static readonly ChatUser Zhang = new(SlackPlatform.Name, "U-ZHANG", "张三");

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task A_call_fails_saying_that_isdp_is_not_configured_and_nothing_says_simulated(string locale)
    {
        await using var bot = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:AppToken"] = "xapp-1", ["Slack:BotToken"] = "xoxb-1", ["Slack:ApiBaseUrl"] = "http://127.0.0.1:9/api/" });
        await bot.AddDeviceAsync("aqm0523", "aqm0523--1", "759646@example.com", "泵房", Ops.Key);
        var chat = bot.Get<ChatRequests>();
        var context = new ChatContext(Zhang, Ops, locale, IsAdmin: false);
        var t = Texts.For(locale, "zh-CN");

        var confirmation = await chat.HandleTextAsync(context, "call aqm0523", default);
        var callId = Assert.IsType<ExecuteAction>(confirmation.Card.Actions![0]).Data.Id;
        var result = await chat.HandleActionAsync(context, CardVerbs.CallConfirm, callId, default);

        Assert.Contains(t.Format(TextId.FailedTitle, "泵房 (aqm0523)"), result.UpdatedCard!.Text);
        Assert.Contains(t[TextId.FailedIsdpNotConfigured], result.UpdatedCard.Text);
        Assert.DoesNotContain(t[TextId.CallSimulated], result.UpdatedCard.Text);
        var call = await bot.Get<ICallStore>().FindAsync(Bot.Core.Calls.CallToken.CallIdOf(callId));
        Assert.Equal(CallState.Failed, call!.State);
        Assert.Equal(t[TextId.FailedIsdpNotConfigured], call.FailureDetail);
    }
}
