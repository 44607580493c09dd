using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Channels;
using Bot.Slack;
using Bot.StandIns.Slack;
using Bot.StandIns.Teams;
using Bot.Teams;
using Bot.Teams.Endpoint;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Bot.Host.Tests.Slack.SlackHarness;

namespace Bot.Host.Tests.Alarms;

/// <summary>
/// An alarm harness whose Slack and Teams surfaces are the real ones, against their stand-ins, with the bot added to one
/// Teams channel (<see cref="Place"/>): Teams tells it, and it keeps the conversation reference.
/// </summary>
public sealed class SlackTeamsAlarms : IAsyncDisposable
{
    private SlackTeamsAlarms(SlackStandIn slack, TeamsStandIn teams, AlarmHarness harness, TeamsPlace place) =>
        (Slack, Teams, Harness, Place) = (slack, teams, harness, place);

    public SlackStandIn Slack { get; }
    public TeamsStandIn Teams { get; }
    public AlarmHarness Harness { get; }
    public TeamsPlace Place { get; }

    public string TeamsKey => Channel.KeyOf(TeamsPlatform.Name, Place.ConversationId);

    /// <param name="people">The Slack people the stand-in knows (all English).</param>
    /// <param name="settings">What the test adds to the bot's settings.</param>
    public static async Task<SlackTeamsAlarms> StartAsync(IEnumerable<SlackPersonInChannel> people, Dictionary<string, string?>? settings = null)
    {
        // Teams' channel tokens carry real times; the bot's clock starts at the real now so they are valid.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var slack = await SlackStandIn.StartAsync(new SlackStandInSettings
        {
            Time = time,
            Users = people.ToDictionary(p => p.UserId, p => (p.UserName, "en-US")),
        });
        var teams = await TeamsStandIn.StartAsync();
        var all = teams.BotSettings();
        foreach (var (key, value) in slack.BotSettings()) all[key] = value;
        foreach (var (key, value) in settings ?? []) all[key] = value;
        var harness = await AlarmHarness.StartAsync(all,
            _ => services => services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(teams.CreateTrustingHandler)),
            time, SlackPlatform.Name, TeamsPlatform.Name);
        var alarms = new SlackTeamsAlarms(slack, teams, harness, TeamsPlace.Channel());
        using var added = await alarms.SendToTeamsAsync(ChannelActivities.ConversationUpdate(teams.ServiceUrl, teams.Settings.AppId, alarms.Place, TeamsPerson.Alice));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        return alarms;
    }

    /// <summary>An activity from the Teams channel, with a valid channel token.</summary>
    public async Task<HttpResponseMessage> SendToTeamsAsync(JsonObject activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TeamsEndpoints.MessagesPath)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Teams.ChannelToken());
        return await Harness.Bot.Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await Slack.DisposeAsync();
        await Teams.DisposeAsync();
    }
}
