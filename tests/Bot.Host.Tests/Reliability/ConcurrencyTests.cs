using System.Net;
using System.Text.Json;
using Bot.Core.Cards;
using Bot.StandIns.Slack;
using Bot.StandIns.Teams;
using static Bot.Host.Tests.Slack.SlackHarness;

namespace Bot.Host.Tests.Reliability;

/// <summary>
/// Many people clicking the same button at the same instant, through the real endpoints (signed Slack
/// interactions, Teams invokes with channel tokens), on dedicated threads released together.
/// </summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private const int Clickers = 12;
    private AllPlatforms _h = null!;

    public async Task InitializeAsync() => _h = await AllPlatforms.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Simultaneous_acknowledge_clicks_in_Slack_and_Teams_make_one_acknowledgement_shown_on_every_copy()
    {
        var (slackCard, teamsActivity, alarmId) = await _h.AlarmPostedAsync("Pump stopped");
        var ack = Button(slackCard, CardVerbs.AlarmAcknowledge);
        var slackPeople = Enumerable.Range(0, Clickers).Select(i => new SlackPersonInChannel($"U0S{i:D2}", $"slack{i:D2}", AllPlatforms.SlackChannel, "ops")).ToArray();
        var teamsPeople = Enumerable.Range(0, Clickers).Select(i => new TeamsPerson($"29:1T{i:D2}", Guid.NewGuid().ToString(), $"teams{i:D2}")).ToArray();

        var next = -1;
        var responseUrls = slackPeople.Select(_ => _h.Slack.NewResponseUrl()).ToArray();
        var statuses = Concurrently.Run(2 * Clickers, () =>
        {
            var n = Interlocked.Increment(ref next);
            using var response = n % 2 == 0
                ? _h.Slack.ClickAsync(_h.Bot.BaseAddress, slackPeople[n / 2], ack, responseUrls[n / 2]).GetAwaiter().GetResult()
                : _h.SendTeamsAsync(ChannelActivities.Execute(_h.Teams.ServiceUrl, _h.Teams.Settings.AppId, AllPlatforms.TeamsChannel, teamsPeople[n / 2],
                    teamsActivity, CardVerbs.AlarmAcknowledge, alarmId)).GetAwaiter().GetResult();
            return response.StatusCode;
        });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        // Slack's clicks are acknowledged first and handled after: count only once every click has had its answer.
        await AllAnsweredAsync(responseUrls);
        var acks = JsonDocument.Parse(await _h.Bot.Admin.GetStringAsync("/admin/alarms/acknowledgements")).RootElement;
        var winner = Assert.Single(acks.EnumerateArray()).GetProperty("acknowledgement").GetProperty("userName").GetString()!;

        // Both copies end up showing the one winner, and nobody else.
        var slackEdit = (await _h.Slack.WaitForCallsAsync("chat.update", 1, AllPlatforms.Wait)).Select(c => c.Body).ToList();
        var teamsEdits = await _h.Teams.WaitForAsync(c => c.Any(x => x.Operation == "update" && x.ActivityId == teamsActivity && x.Status == 200), AllPlatforms.Wait);
        var shown = slackEdit.Concat(teamsEdits.Where(x => x.Operation == "update" && x.ActivityId == teamsActivity).Select(x => x.Card!.ToJsonString())).ToList();
        Assert.All(shown, card => Assert.Contains(winner, card));
        var losers = slackPeople.Select(p => p.UserName).Concat(teamsPeople.Select(p => p.Name)).Where(n => n != winner);
        Assert.All(shown, card => Assert.DoesNotContain(losers, l => card.Contains(l, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Simultaneous_signed_confirms_of_one_call_send_one_invite()
    {
        var responseUrl = _h.Slack.NewResponseUrl();
        using var command = await _h.Slack.SendCommandAsync(_h.Bot.BaseAddress, AllPlatforms.Zhang, "/call", "aqm0523", responseUrl);
        var confirm = Button(JsonDocument.Parse(await command.Content.ReadAsStringAsync()).RootElement, CardVerbs.CallConfirm);

        var responseUrls = Enumerable.Range(0, 2 * Clickers).Select(_ => _h.Slack.NewResponseUrl()).ToArray();
        var next = -1;
        var statuses = Concurrently.Run(2 * Clickers, () =>
        {
            using var response = _h.Slack.ClickAsync(_h.Bot.BaseAddress, AllPlatforms.Zhang, confirm, responseUrls[Interlocked.Increment(ref next)]).GetAwaiter().GetResult();
            return response.StatusCode;
        });

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        // Every click has had its outcome (the call's card or "already handled") before the invites are counted.
        await AllAnsweredAsync(responseUrls);
        var invites = _h.Isdp.ReceivedInvites.Count;
        Assert.True(invites == 1, $"{invites} invites for one call");
        var audit = JsonDocument.Parse(await _h.Bot.Admin.GetStringAsync("/admin/calls/audit?max=1000")).RootElement;
        Assert.Single(audit.EnumerateArray(), e => e.GetProperty("event").GetString() == "confirmed");
    }

    private async Task AllAnsweredAsync(IEnumerable<string> responseUrls)
    {
        foreach (var url in responseUrls) await _h.Slack.WaitForResponsesAsync(url, 1, AllPlatforms.Wait);
    }
}
