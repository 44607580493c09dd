using Bot.Core;
using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Slack;
using Bot.TencentIot;

namespace Bot.Host.Tests.Alarms;

/// <summary>A flapping device: beyond the threshold its alarms fold into one storm card per channel, edited in place.</summary>
public sealed class StormTests : IAsyncLifetime
{
    private const string Lamp = "slack:C-LAMP";
    private AlarmHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await AlarmHarness.StartAsync(new Dictionary<string, string?> { ["Alarms:Storms:Enabled"] = "true" });
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", Lamp);
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    private static bool IsStorm(RecordingSurface.Sent sent) => sent.Reply.Text.StartsWith("lamp01: ", StringComparison.Ordinal);

    [Fact]
    public async Task Two_hundred_alarms_in_two_minutes_are_five_cards_and_one_storm_card_and_one_click_acknowledges_them_all()
    {
        var ids = new List<string>();
        for (var poll = 0; poll < 8; poll++)
        {
            for (var i = 0; i < 25; i++)
                ids.Add(_h.Tencent.AddMessage(TencentCategory.Device, $"alarm {ids.Count}", "flapping", "22F9Y6II7O", "light1").MsgId);
            await _h.PollAsync();
        }
        await _h.WaitForDeliveriesAsync(all => all.Count(d => d.State == "Posted") == 200);

        // The storm card is edited at a calm pace: move the clock until it shows every alarm.
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!_h.Slack.Posts.Concat(_h.Slack.Edits).Any(s => IsStorm(s) && s.Reply.Text.StartsWith("lamp01: 200 alarms", StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > until) Assert.Fail("the storm card never showed 200 alarms: " + string.Join(" | ", _h.Slack.Posts.Concat(_h.Slack.Edits).Where(IsStorm).Select(s => s.Reply.Text)));
            _h.Time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(20);
        }

        var own = _h.Slack.Posts.Where(p => p.ChannelKey == Lamp && !IsStorm(p)).ToList();
        Assert.Equal(5, own.Count);
        var storm = Assert.Single(_h.Slack.Posts, IsStorm);
        Assert.All(_h.Slack.Edits.Where(IsStorm), e => Assert.Equal(storm.MessageRef, e.MessageRef));
        // Every alarm is still one of its own in the channel's list and the admin API.
        Assert.Equal(200, (await _h.AdminGetAsync("/admin/alarms?max=500")).GetArrayLength());

        var stormId = storm.Reply.Card.Actions!.OfType<ExecuteAction>().First(a => a.Verb == CardVerbs.StormAcknowledge).Data.Id;
        // Someone in a channel the storm did not reach is refused, and nothing changes.
        var outsider = new ChatContext(new ChatUser(SlackPlatform.Name, "U-LI", "李四"), new Channel { Platform = SlackPlatform.Name, ExternalId = "C-OTHER" }, "en-US", IsAdmin: false);
        var refused = await _h.Bot.Get<ChatRequests>().HandleActionAsync(outsider, CardVerbs.StormAcknowledge, stormId, default);
        Assert.Null(refused.UpdatedCard);
        Assert.False(string.IsNullOrEmpty(refused.Notice));
        Assert.Equal(AlarmState.Firing, (await _h.Bot.Get<IAlarmQueries>().FindAsync(ids[^1]))!.State);
        var context = new ChatContext(new ChatUser(SlackPlatform.Name, "U-ZHANG", "张三"), new Channel { Platform = SlackPlatform.Name, ExternalId = "C-LAMP" }, "en-US", IsAdmin: false);
        var result = await _h.Bot.Get<ChatRequests>().HandleActionAsync(context, CardVerbs.StormAcknowledge, stormId, default);
        Assert.NotNull(result.UpdatedCard);

        var queries = _h.Bot.Get<IAlarmQueries>();
        foreach (var id in ids) Assert.Equal(AlarmState.Acknowledged, (await queries.FindAsync(id))!.State);
        // The five cards of their own show it too; the folded copies have no card to edit.
        await _h.Slack.WaitForAsync(s => s.Edits.Count(e => !IsStorm(e)) >= 5);
    }
}
