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
    private readonly TeamsPlace _place = TeamsPlace.Channel();

    private SlackStandIn _slack = null!;
    private TeamsStandIn _teams = null!;
    private AlarmHarness _h = null!;

    private string TeamsKey => Channel.KeyOf(TeamsPlatform.Name, _place.ConversationId);

    public async Task InitializeAsync()
    {
        // Teams' channel tokens carry real times; the bot's clock starts at the real now so they are valid.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _slack = await SlackStandIn.StartAsync(new SlackStandInSettings
        {
            Time = time,
            Users = new Dictionary<string, (string, string)> { [Zhang.UserId] = ("张三", "en-US") },
        });
        _teams = await TeamsStandIn.StartAsync();
        var settings = _teams.BotSettings();
        settings["Slack:SigningSecret"] = _slack.Settings.SigningSecret;
        settings["Slack:BotToken"] = _slack.Settings.BotToken;
        settings["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl;
        settings["Teams:Admins:0"] = TeamsPerson.Alice.AadObjectId;
        settings["Alarms:Escalation:Steps:0:AfterMinutes"] = "5";
        settings["Alarms:Escalation:Steps:0:Do"] = "NotifyOnCall";
        settings["Alarms:Escalation:Steps:1:AfterMinutes"] = "10";
        settings["Alarms:Escalation:Steps:1:Do"] = "PostToChannel";
        settings["Alarms:Escalation:Steps:1:Channel"] = "slack:C0ESC";
        settings["Alarms:Escalation:CheckInterval"] = "00:00:10";
        _h = await AlarmHarness.StartAsync(settings,
            _ => services => services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(_teams.CreateTrustingHandler)),
            time, SlackPlatform.Name, TeamsPlatform.Name);

        using var added = await SendToTeamsEndpointAsync(ChannelActivities.ConversationUpdate(_teams.ServiceUrl, _teams.Settings.AppId, _place, TeamsPerson.Alice));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", "slack:C0LAMP", TeamsKey);
        (await _h.Bot.Admin.PutAsJsonAsync("/admin/channels/slack:C0LAMP/oncall", new[] { new { id = "U0BOB", name = "Bob" } })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _slack.DisposeAsync();
        await _teams.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendToTeamsEndpointAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TeamsEndpoints.MessagesPath)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _teams.ChannelToken());
        return await _h.Bot.Client.SendAsync(request);
    }

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The card as readable text; a character the card escapes for Teams' markdown (<c>\#</c>) reads as itself.</summary>
    private static string CardText(ConnectorCall call) => call.Card!.ToJsonString(Readable).Replace(@"\\#", "#", StringComparison.Ordinal);

    /// <summary>Alice (an admin) writes <c>@Bot oncall add @Bob Wang</c> in the Teams channel, as Teams sends it.</summary>
    private async Task AddBobInTeamsAsync()
    {
        var activity = ChannelActivities.Message(_teams.ServiceUrl, _teams.Settings.AppId, _place, TeamsPerson.Alice, $"oncall add <at>{TeamsPerson.Bob.Name}</at>");
        ChannelActivities.Mention(activity, TeamsPerson.Bob);
        using var sent = await SendToTeamsEndpointAsync(activity);
        Assert.True(sent.IsSuccessStatusCode, sent.StatusCode.ToString());
        var onCall = _h.Bot.Get<IOnCallStore>();
        var until = DateTime.UtcNow + Wait;
        while ((await onCall.OnCallAsync(TeamsKey)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < until, "oncall add from Teams stored no one");
            await Task.Delay(20);
        }
    }

    private async Task<string> FireAsync()
    {
        var id = _h.Tencent.AddMessage(TencentCategory.Device, "Over temperature", "92 °C", "22F9Y6II7O", "light1").MsgId;
        await _h.PollAsync();
        await _h.WaitForDeliveriesAsync(all => all.Count(d => d.AlarmId == id && d.State == "Posted") == 2);
        return id;
    }

    [Fact]
    public async Task Oncall_add_in_Teams_stores_the_mentioned_persons_id_not_the_bots()
    {
        await AddBobInTeamsAsync();
        Assert.Equal([new OnCallPerson(TeamsPerson.Bob.Id, TeamsPerson.Bob.Name)], await _h.Bot.Get<IOnCallStore>().OnCallAsync(TeamsKey));
    }

    [Fact]
    public async Task A_step_edits_every_copy_to_show_the_progress_and_Teams_mentions_the_on_call_people()
    {
        await AddBobInTeamsAsync();
        var id = await FireAsync();
        var clock = _h.Bot.Get<BotClock>();
        var startedAt = (await _h.AdminGetAsync($"/admin/alarms/{id}/escalation")).EnumerateArray()
            .Select(e => e.GetProperty("startedAt").GetDateTimeOffset()).Min();
        var teamsCard = Assert.Single(_teams.Calls, c => c.Operation == "create" && CardText(c).Contains("Over temperature", StringComparison.Ordinal));
        var lampTs = Assert.Single(_slack.PostedTs("C0LAMP"));
        Assert.DoesNotContain("Escalation", CardText(teamsCard), StringComparison.Ordinal);
        // The cards name the on-call people as mentions: Teams through msteams.entities, Slack as <@U…>.
        var cardMention = Assert.Single(teamsCard.CardMentions);
        Assert.Equal(TeamsPerson.Bob.Id, cardMention["mentioned"]!["id"]!.GetValue<string>());
        Assert.Contains($"\"value\":\"{cardMention["text"]!.GetValue<string>()}\"", CardText(teamsCard), StringComparison.Ordinal);
        Assert.Contains("<@U0BOB>", AllText(_slack.MessageAt("C0LAMP", lampTs)!.Value), StringComparison.Ordinal);

        _h.Time.Advance(TimeSpan.FromMinutes(5));

        // Teams: the reply in the card's thread mentions Bob with an entity whose text is in the activity's text.
        var calls = await _teams.WaitForAsync(all => all.Any(c => c.Operation == "reply" && c.Mentions.Count > 0), Wait);
        var reply = Assert.Single(calls, c => c.Operation == "reply" && c.Mentions.Count > 0);
        var mention = Assert.Single(reply.Mentions);
        Assert.Equal($"<at>{TeamsPerson.Bob.Name}</at>", mention["text"]!.GetValue<string>());
        Assert.Equal(TeamsPerson.Bob.Id, mention["mentioned"]!["id"]!.GetValue<string>());
        Assert.Equal(TeamsPerson.Bob.Name, mention["mentioned"]!["name"]!.GetValue<string>());
        Assert.Contains(mention["text"]!.GetValue<string>(), reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<@", reply.Text, StringComparison.Ordinal);

        // Every copy is edited to show the step taken and the next one, times in the configured zone.
        var line = $"step 1 of 2 — on-call notified {clock.ShowTime(startedAt.AddMinutes(5))}; next: post to #C0ESC at {clock.ShowTime(startedAt.AddMinutes(10))}";
        var edits = await _teams.WaitForAsync(all => all.Any(c => c.Operation == "update" && CardText(c).Contains(line, StringComparison.Ordinal)), Wait);
        Assert.Equal(teamsCard.ActivityId, edits.First(c => c.Operation == "update" && CardText(c).Contains(line, StringComparison.Ordinal)).ActivityId);
        await WaitForSlackAsync("C0LAMP", lampTs, text => text.Contains(line, StringComparison.Ordinal));
        Assert.Contains("Escalation", AllText(_slack.MessageAt("C0LAMP", lampTs)!.Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_acknowledgement_every_copy_shows_the_escalation_stopped()
    {
        var id = await FireAsync();
        var lampTs = Assert.Single(_slack.PostedTs("C0LAMP"));
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await WaitForSlackAsync("C0LAMP", lampTs, text => text.Contains("step 1 of 2", StringComparison.Ordinal));

        // 张三 acknowledges on the Slack card: his answer and the Teams copy both say the escalation stopped.
        var lampPost = _slack.MessageAt("C0LAMP", lampTs)!.Value;
        var responseUrl = _slack.NewResponseUrl();
        using (var click = await _slack.ClickAsync(_h.Bot.BaseAddress, Zhang, Button(lampPost, "alarm.ack"), responseUrl, messageTs: lampTs))
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var answer = Assert.Single(await _slack.WaitForResponsesAsync(responseUrl, 1, Wait));
        Assert.Contains("stopped: acknowledged", AllText(answer.Body), StringComparison.Ordinal);
        Assert.Contains("step 1 of 2", AllText(answer.Body), StringComparison.Ordinal);
        await _teams.WaitForAsync(all => all.Any(c => c.Operation == "update" && CardText(c).Contains("stopped: acknowledged", StringComparison.Ordinal)), Wait);

        // The next pass records the stop; nothing further is posted.
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        var until = DateTime.UtcNow + Wait;
        while ((await _h.AdminGetAsync($"/admin/alarms/{id}/escalation")).EnumerateArray().Any(e => e.GetProperty("endedBecause").ValueKind == JsonValueKind.Null))
        {
            Assert.True(DateTime.UtcNow < until, "the escalation was not stopped");
            await Task.Delay(20);
        }
        Assert.Empty(_slack.PostedTs("C0ESC"));
    }

    /// <summary>
    /// Waits until the Slack message shows what is asked, moving the bot's clock a second at a time (a minute at most):
    /// the edit follows the thread's line in the same channel, one message per second on the bot's clock.
    /// </summary>
    private async Task WaitForSlackAsync(string channel, string ts, Func<string, bool> shows)
    {
        var until = DateTime.UtcNow + Wait;
        var moved = 0;
        while (_slack.MessageAt(channel, ts) is not { } message || !shows(AllText(message)))
        {
            Assert.True(DateTime.UtcNow < until, $"the Slack message does not show it: {(_slack.MessageAt(channel, ts) is { } m ? AllText(m) : "none")}");
            if (moved++ < 60) _h.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
    }
}
