using System.Net.Http.Json;
using System.Text.Json;
using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.TencentIot;

namespace Bot.Host.Tests.Alarms;

/// <summary>
/// The escalation policy on the injected clock: after 5 minutes without acknowledgement the on-call people are
/// mentioned in the card's thread, after 10 the card goes to the escalation channel.
/// </summary>
public sealed class EscalationTests : IAsyncLifetime
{
    private const string Lamp = "slack:C-LAMP";
    private const string Escalated = "slack:C-ESC";
    private AlarmHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await AlarmHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Alarms:Escalation:Steps:0:AfterMinutes"] = "5",
            ["Alarms:Escalation:Steps:0:Do"] = "NotifyOnCall",
            ["Alarms:Escalation:Steps:1:AfterMinutes"] = "10",
            ["Alarms:Escalation:Steps:1:Do"] = "PostToChannel",
            ["Alarms:Escalation:Steps:1:Channel"] = Escalated,
            ["Alarms:Escalation:CheckInterval"] = "00:00:10",
        });
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", Lamp);
        (await _h.Bot.Admin.PutAsJsonAsync($"/admin/channels/{Lamp}/oncall", new[] { new { id = "U0BOB", name = "Bob" } })).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    private async Task<string> FireAsync()
    {
        var id = _h.Tencent.AddMessage(TencentCategory.Device, "Over temperature", "92 °C", "22F9Y6II7O", "light1").MsgId;
        await _h.PollAsync();
        await _h.WaitForDeliveriesAsync(all => all.Any(d => d.AlarmId == id && d.Channel == Lamp && d.State == "Posted"));
        return id;
    }

    private List<(string ChannelKey, string MessageRef, string Text)> Notifications() =>
        _h.Slack.ThreadLines.Where(l => l.Text.Contains("<@U0BOB|Bob>", StringComparison.Ordinal)).ToList();

    private async Task<JsonElement> EscalationAsync(string id) => (await _h.AdminGetAsync($"/admin/alarms/{id}/escalation"))[0];

    private async Task WaitForEscalationAsync(string id, Func<JsonElement, bool> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition(await EscalationAsync(id)))
        {
            if (DateTime.UtcNow > until) Assert.Fail($"escalation not as expected: {await EscalationAsync(id)}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Unacknowledged_it_notifies_the_on_call_people_then_the_escalation_channel()
    {
        var id = await FireAsync();
        var card = Assert.Single(_h.Slack.Posts, p => p.ChannelKey == Lamp);
        Assert.Contains(card.Reply.Card.Body.OfType<FactSet>().Single().Facts, f => f.Title == "On call" && f.Value == "Bob");

        _h.Time.Advance(TimeSpan.FromMinutes(4));
        await WaitForEscalationAsync(id, e => e.GetProperty("nextStep").GetInt32() == 0);
        Assert.Empty(Notifications());

        _h.Time.Advance(TimeSpan.FromMinutes(1));
        await _h.Slack.WaitForAsync(s => Notifications().Count == 1);
        Assert.Equal(card.MessageRef, Notifications()[0].MessageRef);
        Assert.DoesNotContain(_h.Slack.Posts, p => p.ChannelKey == Escalated);

        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await _h.Slack.WaitForAsync(s => s.Posts.Any(p => p.ChannelKey == Escalated));
        await WaitForEscalationAsync(id, e => e.GetProperty("endedBecause").GetString() == "all steps taken");
        Assert.Single(Notifications());
        Assert.Single(_h.Slack.Posts, p => p.ChannelKey == Escalated);

        // The escalation channel's copy can be acknowledged like any copy: the alarm has a delivery there.
        await _h.WaitForDeliveriesAsync(all => all.Any(d => d.AlarmId == id && d.Channel == Escalated && d.State == "Posted"));
    }

    [Fact]
    public async Task Acknowledging_between_steps_stops_the_rest()
    {
        var id = await FireAsync();
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await _h.Slack.WaitForAsync(s => Notifications().Count == 1);

        var ann = new ChatUser("slack", "U0ANN", "Ann");
        var outcome = await _h.Bot.Get<IAlarmOutbox>().TryChangeStateAsync(new AlarmChange(id, AlarmTransition.Acknowledge, ann, Lamp, _h.Time.GetUtcNow()));
        Assert.True(outcome.Applied);

        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await WaitForEscalationAsync(id, e => e.GetProperty("endedBecause").GetString() == "acknowledged");
        _h.Time.Advance(TimeSpan.FromMinutes(30));
        await _h.PollAsync();
        Assert.DoesNotContain(_h.Slack.Posts, p => p.ChannelKey == Escalated);
        Assert.Single(Notifications());
    }

    [Fact]
    public async Task A_restart_mid_policy_neither_skips_nor_repeats_a_step()
    {
        var id = await FireAsync();
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await _h.Slack.WaitForAsync(s => Notifications().Count == 1);
        await WaitForEscalationAsync(id, e => e.GetProperty("nextStep").GetInt32() == 1);
        var before = _h.Slack;

        await _h.RestartBotAsync();
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await _h.Slack.WaitForAsync(s => s.Posts.Any(p => p.ChannelKey == Escalated));
        await WaitForEscalationAsync(id, e => e.GetProperty("endedBecause").GetString() == "all steps taken");

        // The notification was taken once before the stop and is not taken again; the escalation channel gets its card once.
        Assert.Single(before.ThreadLines, l => l.Text.Contains("<@U0BOB|Bob>", StringComparison.Ordinal));
        Assert.Empty(Notifications());
        Assert.Single(_h.Slack.Posts, p => p.ChannelKey == Escalated);
        Assert.DoesNotContain(_h.Slack.Posts, p => p.ChannelKey == Lamp);
    }
}
