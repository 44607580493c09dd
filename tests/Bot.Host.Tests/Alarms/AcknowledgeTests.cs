using Bot.TencentIot;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Core;
using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Host.Tests.Calls;
using Bot.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Bot.Slack;
using Bot.Teams;

namespace Bot.Host.Tests.Alarms;

/// <summary>Acknowledge and Call device on alarm cards, through <see cref="ChatRequests"/> as every surface calls it.</summary>
public sealed class AcknowledgeTests : IAsyncLifetime
{
    private const string LampSlack = "slack:C-LAMP";
    private const string LampTeams = "teams:19:lamp@thread.tacv2";
    private static readonly ChatUser Zhang = new(SlackPlatform.Name, "U-ZHANG", "张三");
    private static readonly ChatUser Li = new(SlackPlatform.Name, "U-LI", "李四");
    private static readonly ChatUser Wang = new(TeamsPlatform.Name, "29:wang", "王五");
    private IsdpStandIn _isdp = null!;
    private AlarmHarness _h = null!;
    private string _alarmId = "";

    public async Task InitializeAsync()
    {
        _isdp = await IsdpStandIn.StartAsync();
        _h = await AlarmHarness.StartAsync(CallFlowTests.IsdpSettings(_isdp));
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", LampSlack, LampTeams);
        _alarmId = _h.Tencent.AddMessage(TencentCategory.Device, "Over temperature", "92 °C", "22F9Y6II7O", "light1").MsgId;
        await _h.PollAsync();
        await _h.Slack.WaitForAsync(s => s.Posts.Count >= 1);
        await _h.Teams.WaitForAsync(s => s.Posts.Count >= 1);
        await _h.WaitForDeliveriesAsync(all => all.Count == 2 && all.All(d => d.State == "Posted"));
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _isdp.DisposeAsync();
    }

    private ChatRequests Chat => _h.Bot.Get<ChatRequests>();

    private static ChatContext InSlack(ChatUser user) =>
        new(user, new Channel { Platform = SlackPlatform.Name, ExternalId = "C-LAMP" }, "en-US", IsAdmin: false);

    [Fact]
    public async Task Acknowledge_in_Slack_edits_the_Teams_copy_too_and_a_later_click_is_told_who()
    {
        var result = await Chat.HandleActionAsync(InSlack(Zhang), CardVerbs.AlarmAcknowledge, _alarmId, default);

        Assert.Contains("Acknowledged by 张三", result.UpdatedCard!.Text);
        Assert.DoesNotContain(result.UpdatedCard.Card.Actions ?? [], a => a is ExecuteAction { Verb: CardVerbs.AlarmAcknowledge });
        await _h.Teams.WaitForAsync(t => t.Edits.Count >= 1);
        await _h.Slack.WaitForAsync(s => s.Edits.Count >= 1);
        var teamsEdit = Assert.Single(_h.Teams.Edits);
        Assert.Equal(_h.Teams.Posts.Single().MessageRef, teamsEdit.MessageRef);
        Assert.Equal(LampTeams, teamsEdit.ChannelKey);
        Assert.Contains("Acknowledged by 张三 at 2026-11-22 16:", teamsEdit.Reply.Text);   // 08:00Z + a poll, shown in Asia/Shanghai
        Assert.Equal(_h.Slack.Posts.Single().MessageRef, Assert.Single(_h.Slack.Edits).MessageRef);

        var later = await Chat.HandleActionAsync(new ChatContext(Wang, new Channel { Platform = TeamsPlatform.Name, ExternalId = "19:lamp@thread.tacv2" }, "zh-CN", false),
            CardVerbs.AlarmAcknowledge, _alarmId, default);
        Assert.Null(later.UpdatedCard);
        Assert.StartsWith("张三 已于 2026-11-22", later.Notice);

        var acks = await _h.AdminGetAsync("/admin/alarms/acknowledgements");
        var ack = Assert.Single(acks.EnumerateArray()).GetProperty("acknowledgement");
        Assert.Equal(("slack", "U-ZHANG", "张三"), (ack.GetProperty("platform").GetString(), ack.GetProperty("userId").GetString(), ack.GetProperty("userName").GetString()));
        await _h.WaitForDeliveriesAsync(all => all.Count == 2);
        var alarm = await _h.AdminGetAsync($"/admin/alarms/{_alarmId}");
        Assert.All(alarm.GetProperty("deliveries").EnumerateArray(), d => Assert.False(d.GetProperty("needsRefresh").GetBoolean()));
    }

    [Fact]
    public async Task Two_people_clicking_at_once_produce_one_acknowledgement()
    {
        using var start = new Barrier(2);
        var clicks = new[] { Zhang, Li }.Select(user => Task.Run(async () =>
        {
            start.SignalAndWait();
            return (user, await Chat.HandleActionAsync(InSlack(user), CardVerbs.AlarmAcknowledge, _alarmId, default));
        })).ToArray();
        var results = await Task.WhenAll(clicks);

        var winner = Assert.Single(results, r => r.Item2.UpdatedCard is not null);
        var loser = Assert.Single(results, r => r.Item2.Notice is not null);
        Assert.Contains($"{winner.user.Name} already acknowledged", loser.Item2.Notice);
        var acks = await _h.AdminGetAsync("/admin/alarms/acknowledgements");
        Assert.Equal(winner.user.Id, Assert.Single(acks.EnumerateArray()).GetProperty("acknowledgement").GetProperty("userId").GetString());
        await _h.Teams.WaitForAsync(t => t.Edits.Count >= 1);
        Assert.Contains($"Acknowledged by {winner.user.Name}", Assert.Single(_h.Teams.Edits).Reply.Text);
    }

    [Fact]
    public async Task An_unknown_alarm_is_a_polite_note()
    {
        var result = await Chat.HandleActionAsync(InSlack(Zhang), CardVerbs.AlarmAcknowledge, "999", default);
        Assert.Equal("This alarm no longer exists.", result.Notice);
    }

    [Fact]
    public async Task Call_device_from_an_alarm_card_ends_in_exactly_one_invite_after_confirmation()
    {
        var card = _h.Slack.Posts.Single().Reply;
        var callButton = Assert.Single(card.Card.Actions!.OfType<ExecuteAction>(), a => a.Verb == CardVerbs.CallStart);

        var started = await Chat.HandleActionAsync(InSlack(Zhang), callButton.Verb, callButton.Data.Id, default);
        var confirm = Assert.Single(started.Reply!.Card.Actions!.OfType<ExecuteAction>(), a => a.Verb == CardVerbs.CallConfirm);
        Assert.Empty(_isdp.ReceivedInvites);

        var confirmed = await Chat.HandleActionAsync(InSlack(Zhang), confirm.Verb, confirm.Data.Id, default);
        await Chat.HandleActionAsync(InSlack(Zhang), confirm.Verb, confirm.Data.Id, default);   // a second click does nothing

        Assert.Contains("Invite sent", confirmed.UpdatedCard!.Text);
        var invite = Assert.Single(_isdp.ReceivedInvites);
        Assert.Equal(("lamp01", "lamp01--1"), (invite.DeviceId, invite.IsdpDeviceId));
    }
}
