using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Channels;
using Bot.Core.OnCall;
using Bot.Core.Storage;
using Bot.Core.Text;
using Bot.Slack;
using Bot.StandIns.Slack;
using Bot.StandIns.Teams;
using Bot.Teams;
using Bot.Teams.Endpoint;
using Bot.TencentIot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Bot.Host.Tests.Slack.SlackHarness;

namespace Bot.Host.Tests.Alarms;

/// <summary>
/// Escalation through the real Slack and Teams surfaces against their stand-ins: each copy of the card shows where the
/// alarm stands in its escalation and is edited when a step is taken; Teams mentions the on-call people with mention
/// entities; <c>oncall add @person</c> in Teams reads the person from the message's mention entity.
/// </summary>
public sealed class EscalationCardTests : IAsyncLifetime
{
    private static readonly SlackPersonInChannel Zhang = new("U0ZHANG", "张三", "C0LAMP", "lamp");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private SlackTeamsAlarms _w = null!;

    public async Task InitializeAsync()
    {
        _w = await SlackTeamsAlarms.StartAsync([Zhang], new()
        {
            ["Teams:Admins:0"] = TeamsPerson.Alice.AadObjectId,
            ["Alarms:Escalation:Steps:0:AfterMinutes"] = "5",
            ["Alarms:Escalation:Steps:0:Do"] = "NotifyOnCall",
            ["Alarms:Escalation:Steps:1:AfterMinutes"] = "10",
            ["Alarms:Escalation:Steps:1:Do"] = "PostToChannel",
            ["Alarms:Escalation:Steps:1:Channel"] = "slack:C0ESC",
            ["Alarms:Escalation:CheckInterval"] = "00:00:10",
        });
        await _w.Harness.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", "slack:C0LAMP", _w.TeamsKey);
        (await _w.Harness.Bot.Admin.PutAsJsonAsync("/admin/channels/slack:C0LAMP/oncall", new[] { new { id = "U0BOB", name = "Bob" } })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The card as readable text; a character the card escapes for Teams' markdown (<c>\#</c>) reads as itself.</summary>
    private static string CardText(ConnectorCall call) => call.Card!.ToJsonString(Readable).Replace(@"\\#", "#", StringComparison.Ordinal);

    /// <summary>Alice (an admin) writes <c>@Bot oncall add @Bob Wang</c> in the Teams channel, as Teams sends it.</summary>
    private async Task AddBobInTeamsAsync()
    {
        var activity = ChannelActivities.Message(_w.Teams.ServiceUrl, _w.Teams.Settings.AppId, _w.Place, TeamsPerson.Alice, $"oncall add <at>{TeamsPerson.Bob.Name}</at>");
        ChannelActivities.Mention(activity, TeamsPerson.Bob);
        using var sent = await _w.SendToTeamsAsync(activity);
        Assert.True(sent.IsSuccessStatusCode, sent.StatusCode.ToString());
        var onCall = _w.Harness.Bot.Get<IOnCallStore>();
        var until = DateTime.UtcNow + Wait;
        while ((await onCall.OnCallAsync(_w.TeamsKey)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < until, "oncall add from Teams stored no one");
            await Task.Delay(20);
        }
    }

    private async Task<string> FireAsync()
    {
        var id = _w.Harness.Tencent.AddMessage(TencentCategory.Device, "Over temperature", "92 °C", "22F9Y6II7O", "light1").MsgId;
        await _w.Harness.PollAsync();
        await _w.Harness.WaitForDeliveriesAsync(all => all.Count(d => d.AlarmId == id && d.State == "Posted") == 2);
        return id;
    }

    [Fact]
    public async Task Oncall_add_in_Teams_stores_the_mentioned_persons_id_not_the_bots()
    {
        await AddBobInTeamsAsync();
        Assert.Equal([new OnCallPerson(TeamsPerson.Bob.Id, TeamsPerson.Bob.Name)], await _w.Harness.Bot.Get<IOnCallStore>().OnCallAsync(_w.TeamsKey));
    }

    [Fact]
    public async Task A_step_edits_every_copy_to_show_the_progress_and_Teams_mentions_the_on_call_people()
    {
        await AddBobInTeamsAsync();
        var id = await FireAsync();
        var clock = _w.Harness.Bot.Get<BotClock>();
        var startedAt = (await _w.Harness.AdminGetAsync($"/admin/alarms/{id}/escalation")).EnumerateArray()
            .Select(e => e.GetProperty("startedAt").GetDateTimeOffset()).Min();
        var teamsCard = Assert.Single(_w.Teams.Calls, c => c.Operation == "create" && CardText(c).Contains("Over temperature", StringComparison.Ordinal));
        var lampTs = Assert.Single(_w.Slack.PostedTs("C0LAMP"));
        // No step is taken before the clock moves. (Whether the first Teams post already shows an escalation's plan depends
        // on whether the Slack copy was posted, and its escalation started, before this card was drawn: a card shows the
        // alarm's earliest escalation when its channel has none yet. The edits below show it either way.)
        Assert.DoesNotContain("step 1 of 2", CardText(teamsCard), StringComparison.Ordinal);
        // The cards name the on-call people as mentions: Teams through msteams.entities, Slack as <@U…>.
        var cardMention = Assert.Single(teamsCard.CardMentions);
        Assert.Equal(TeamsPerson.Bob.Id, cardMention["mentioned"]!["id"]!.GetValue<string>());
        Assert.Contains($"\"value\":\"{cardMention["text"]!.GetValue<string>()}\"", CardText(teamsCard), StringComparison.Ordinal);
        Assert.Contains("<@U0BOB>", AllText(_w.Slack.MessageAt("C0LAMP", lampTs)!.Value), StringComparison.Ordinal);

        _w.Harness.Time.Advance(TimeSpan.FromMinutes(5));

        // Teams: the reply in the card's thread mentions Bob with an entity whose text is in the activity's text.
        var calls = await _w.Teams.WaitForAsync(all => all.Any(c => c.Operation == "reply" && c.Mentions.Count > 0), Wait);
        var reply = Assert.Single(calls, c => c.Operation == "reply" && c.Mentions.Count > 0);
        var mention = Assert.Single(reply.Mentions);
        Assert.Equal($"<at>{TeamsPerson.Bob.Name}</at>", mention["text"]!.GetValue<string>());
        Assert.Equal(TeamsPerson.Bob.Id, mention["mentioned"]!["id"]!.GetValue<string>());
        Assert.Equal(TeamsPerson.Bob.Name, mention["mentioned"]!["name"]!.GetValue<string>());
        Assert.Contains(mention["text"]!.GetValue<string>(), reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<@", reply.Text, StringComparison.Ordinal);

        // Every copy is edited to show the step taken and the next one, times in the configured zone.
        var line = $"step 1 of 2 — on-call notified {clock.ShowTime(startedAt.AddMinutes(5))}; next: post to #C0ESC at {clock.ShowTime(startedAt.AddMinutes(10))}";
        var edits = await _w.Teams.WaitForAsync(all => all.Any(c => c.Operation == "update" && CardText(c).Contains(line, StringComparison.Ordinal)), Wait);
        Assert.Equal(teamsCard.ActivityId, edits.First(c => c.Operation == "update" && CardText(c).Contains(line, StringComparison.Ordinal)).ActivityId);
        await WaitForSlackAsync("C0LAMP", lampTs, text => text.Contains(line, StringComparison.Ordinal));
        Assert.Contains("Escalation", AllText(_w.Slack.MessageAt("C0LAMP", lampTs)!.Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_acknowledgement_every_copy_shows_the_escalation_stopped()
    {
        var id = await FireAsync();
        var lampTs = Assert.Single(_w.Slack.PostedTs("C0LAMP"));
        _w.Harness.Time.Advance(TimeSpan.FromMinutes(5));
        await WaitForSlackAsync("C0LAMP", lampTs, text => text.Contains("step 1 of 2", StringComparison.Ordinal));

        // 张三 acknowledges on the Slack card: his answer and the Teams copy both say the escalation stopped.
        var lampPost = _w.Slack.MessageAt("C0LAMP", lampTs)!.Value;
        var responseUrl = _w.Slack.NewResponseUrl();
        using (var click = await _w.Slack.ClickAsync(_w.Harness.Bot.BaseAddress, Zhang, Button(lampPost, "alarm.ack"), responseUrl, messageTs: lampTs))
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var answer = Assert.Single(await _w.Slack.WaitForResponsesAsync(responseUrl, 1, Wait));
        Assert.Contains("stopped: acknowledged", AllText(answer.Body), StringComparison.Ordinal);
        Assert.Contains("step 1 of 2", AllText(answer.Body), StringComparison.Ordinal);
        await _w.Teams.WaitForAsync(all => all.Any(c => c.Operation == "update" && CardText(c).Contains("stopped: acknowledged", StringComparison.Ordinal)), Wait);

        // The next pass records the stop; nothing further is posted.
        _w.Harness.Time.Advance(TimeSpan.FromMinutes(5));
        var until = DateTime.UtcNow + Wait;
        while ((await _w.Harness.AdminGetAsync($"/admin/alarms/{id}/escalation")).EnumerateArray().Any(e => e.GetProperty("endedBecause").ValueKind == JsonValueKind.Null))
        {
            Assert.True(DateTime.UtcNow < until, "the escalation was not stopped");
            await Task.Delay(20);
        }
        Assert.Empty(_w.Slack.PostedTs("C0ESC"));
    }

    /// <summary>
    /// Waits until the Slack message shows what is asked, moving the bot's clock a second at a time (a minute at most):
    /// the edit follows the thread's line in the same channel, one message per second on the bot's clock.
    /// </summary>
    private async Task WaitForSlackAsync(string channel, string ts, Func<string, bool> shows)
    {
        var until = DateTime.UtcNow + Wait;
        var moved = 0;
        while (_w.Slack.MessageAt(channel, ts) is not { } message || !shows(AllText(message)))
        {
            Assert.True(DateTime.UtcNow < until, $"the Slack message does not show it: {(_w.Slack.MessageAt(channel, ts) is { } m ? AllText(m) : "none")}");
            if (moved++ < 60) _w.Harness.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
    }
}
