using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.StandIns.Slack;
using Bot.StandIns.Teams;
using Bot.Teams.Endpoint;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Bot.Host.Tests.Slack.SlackHarness;
using Bot.Slack;
using Bot.Teams;

namespace Bot.Host.Tests.Alarms;

/// <summary>
/// The whole relay through the real Slack and Teams surfaces against their stand-ins: the seed's four
/// examples land exactly where the mappings say, once each, and Acknowledge clicked in Slack (a signed
/// request to /slack/interactions) edits the Teams copy through the connector.
/// </summary>
public sealed class AlarmSlackTeamsTests : IAsyncLifetime
{
    private static readonly SlackPersonInChannel Zhang = new("U0ZHANG", "张三", "C0LAMP", "lamp");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private SlackTeamsAlarms _w = null!;

    public async Task InitializeAsync()
    {
        _w = await SlackTeamsAlarms.StartAsync([Zhang], new()
        {
            ["Alarms:NotificationChannels:0"] = "slack:C0NOTE",
        });
        await _w.Harness.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", "slack:C0LAMP", _w.TeamsKey);
        await _w.Harness.MapFamilyAsync("1", _w.TeamsKey);
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    /// <summary>The card as readable text (Chinese not escaped).</summary>
    private static string CardText(ConnectorCall call) =>
        call.Card!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [Fact]
    public async Task The_seed_examples_reach_Slack_and_Teams_as_mapped_and_an_Acknowledge_in_Slack_edits_the_Teams_copy()
    {
        _w.Harness.Tencent.AddSeedExamples();
        await _w.Harness.PollAsync();

        // Teams channel: the two family notices of family 1 (oldest first), then the notice about light1.
        var created = await _w.Teams.WaitForAsync(calls => calls.Count(c => c.Operation == "create") >= 3, Wait);
        var teamsPosts = created.Where(c => c.Operation == "create").ToList();
        Assert.All(teamsPosts, c => Assert.Equal(_w.Place.ConversationId, c.ConversationId));
        Assert.Collection(teamsPosts,
            c => Assert.Contains("成员删除结果通知", CardText(c)),
            c => Assert.Contains("成员添加结果通知", CardText(c)),
            c => Assert.Contains("设备分享结果通知", CardText(c)));
        // Slack: the notice in the notification channel and in light1's channel, once each.
        var slackPosts = await _w.Slack.WaitForCallsAsync("chat.postMessage", 2, Wait);
        Assert.Equal(["C0LAMP", "C0NOTE"], slackPosts.Select(p => p.Json.GetProperty("channel").GetString()).Order());
        Assert.All(slackPosts, p => Assert.Contains("设备分享结果通知", Header(p.Json)));
        // The device warning names no device: nowhere, listed as unroutable.
        var unroutable = await _w.Harness.AdminGetAsync("/admin/alarms/unroutable");
        Assert.Equal("65167410520395776", Assert.Single(unroutable.EnumerateArray()).GetProperty("id").GetString());
        await _w.Harness.WaitForDeliveriesAsync(all => all.Count == 5 && all.All(d => d.State == "Posted"));

        // Nothing twice on later polls.
        await _w.Harness.PollAsync();
        Assert.Equal(3, _w.Teams.Calls.Count(c => c.Operation == "create"));
        Assert.Equal(2, _w.Slack.CallsOf("chat.postMessage").Count);

        // Acknowledge in Slack (signed click), on the copy in C0LAMP.
        _w.Harness.Time.Advance(TimeSpan.FromSeconds(2));   // Slack's one message per second per channel, on the bot's clock
        var lampPost = slackPosts.Single(p => p.Json.GetProperty("channel").GetString() == "C0LAMP").Json;
        using (var click = await _w.Slack.ClickAsync(_w.Harness.Bot.BaseAddress, Zhang, Button(lampPost, "alarm.ack"), _w.Slack.NewResponseUrl()))
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);

        var noticeInTeams = teamsPosts[2];
        var edits = await _w.Teams.WaitForAsync(calls => calls.Any(c => c.Operation == "update"), Wait);
        var edit = Assert.Single(edits, c => c.Operation == "update");
        Assert.Equal(noticeInTeams.ActivityId, edit.ActivityId);
        Assert.Contains("Acknowledged by 张三", CardText(edit));
        Assert.DoesNotContain("alarm.ack", CardText(edit));
        // Both Slack copies are edited too.
        var updates = await _w.Slack.WaitForCallsAsync("chat.update", 2, Wait);
        Assert.Equal(["C0LAMP", "C0NOTE"], updates.Select(u => u.Json.GetProperty("channel").GetString()).Order());
        Assert.All(updates, u => Assert.Contains("Acknowledged by 张三", AllText(u.Json)));
    }

    /// <summary>The seed examples posted everywhere; returns the Slack post in C0LAMP and the Teams post of the same notice.</summary>
    private async Task<(JsonElement LampPost, string LampTs, ConnectorCall NoticeInTeams)> PostSeedExamplesAsync()
    {
        _w.Harness.Tencent.AddSeedExamples();
        await _w.Harness.PollAsync();
        var teamsPosts = (await _w.Teams.WaitForAsync(calls => calls.Count(c => c.Operation == "create") >= 3, Wait)).Where(c => c.Operation == "create").ToList();
        var slackPosts = await _w.Slack.WaitForCallsAsync("chat.postMessage", 2, Wait);
        await _w.Harness.WaitForDeliveriesAsync(all => all.Count == 5 && all.All(d => d.State == "Posted"));
        _w.Harness.Time.Advance(TimeSpan.FromSeconds(2));   // Slack's one message per second per channel, on the bot's clock
        var lampPost = slackPosts.Single(p => p.Json.GetProperty("channel").GetString() == "C0LAMP").Json;
        return (lampPost, Assert.Single(_w.Slack.PostedTs("C0LAMP")), teamsPosts[2]);
    }

    /// <summary>Waits until every copy of the alarm shows its state (nothing left to edit) and the surfaces' follow-ups are done.</summary>
    private async Task SettledAsync(string alarmId)
    {
        var until = DateTime.UtcNow + Wait;
        while ((await _w.Harness.AdminGetAsync($"/admin/alarms/{alarmId}")).GetProperty("deliveries").EnumerateArray().Any(d => d.GetProperty("needsRefresh").GetBoolean()))
        {
            Assert.True(DateTime.UtcNow < until, "the alarm's copies were not all edited in time");
            await Task.Delay(50);
        }
        await _w.Harness.Bot.Get<FollowUpWork>().IdleAsync().WaitAsync(Wait);
    }

    [Fact]
    public async Task Acknowledge_clicked_on_a_Slack_channel_message_rewrites_that_message_once_and_edits_every_other_copy()
    {
        var (lampPost, lampTs, noticeInTeams) = await PostSeedExamplesAsync();
        var button = Button(lampPost, "alarm.ack");
        var alarmId = button.GetProperty("value").GetString()!;

        var responseUrl = _w.Slack.NewResponseUrl();
        using (var click = await _w.Slack.ClickAsync(_w.Harness.Bot.BaseAddress, Zhang, button, responseUrl, messageTs: lampTs))
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);

        // The clicker's answer shows the new state at once: the clicked message replaced through the response_url.
        var answer = Assert.Single(await _w.Slack.WaitForResponsesAsync(responseUrl, 1, Wait));
        Assert.True(answer.Body.GetProperty("replace_original").GetBoolean());
        Assert.Contains("Acknowledged by 张三", AllText(answer.Body));
        // The other copies are edited by the outbox: the notification channel's and the Teams one.
        var update = Assert.Single(await _w.Slack.WaitForCallsAsync("chat.update", 1, Wait));
        Assert.Equal("C0NOTE", update.Json.GetProperty("channel").GetString());
        await _w.Teams.WaitForAsync(calls => calls.Any(c => c.Operation == "update" && c.ActivityId == noticeInTeams.ActivityId), Wait);
        await SettledAsync(alarmId);

        Assert.Equal(1, _w.Slack.EditsOf("C0LAMP", lampTs));
        Assert.Single(_w.Slack.CallsOf("chat.update"));
        Assert.Single(_w.Teams.Calls, c => c.Operation == "update" && c.ActivityId == noticeInTeams.ActivityId);
    }

    [Fact]
    public async Task Acknowledge_clicked_in_Teams_answers_the_clicker_with_the_new_card_and_the_message_is_edited_once()
    {
        var (lampPost, _, noticeInTeams) = await PostSeedExamplesAsync();
        var alarmId = Button(lampPost, "alarm.ack").GetProperty("value").GetString()!;

        using var click = await _w.SendToTeamsAsync(ChannelActivities.Execute(_w.Teams.ServiceUrl, _w.Teams.Settings.AppId, _w.Place, TeamsPerson.Alice,
            noticeInTeams.ActivityId!, "alarm.ack", alarmId));

        // The invoke's answer is the clicker's immediate view of the new state.
        Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var invoke = JsonNode.Parse(await click.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", invoke["type"]?.GetValue<string>());
        Assert.Contains("Acknowledged by Alice Li", invoke["value"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        // Everyone's copy: the outbox edits the Teams message and both Slack messages.
        await _w.Slack.WaitForCallsAsync("chat.update", 2, Wait);
        await _w.Teams.WaitForAsync(calls => calls.Any(c => c.Operation == "update"), Wait);
        await SettledAsync(alarmId);

        var edit = Assert.Single(_w.Teams.Calls, c => c.Operation == "update" && c.ActivityId == noticeInTeams.ActivityId);
        Assert.Contains("Acknowledged by Alice Li", CardText(edit));
        Assert.Single(_w.Teams.Calls, c => c.Operation == "update");
    }
}
