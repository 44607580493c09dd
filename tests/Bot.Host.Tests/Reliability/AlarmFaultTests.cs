using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Host.Tests.Alarms;
using Bot.Host.Tests.Support;
using Bot.StandIns.Slack;
using Bot.StandIns.Teams;
using Bot.Slack;
using Bot.Teams;
using Bot.Teams.Endpoint;
using Bot.TencentIot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Host.Tests.Reliability;

/// <summary>
/// An alarm that arrives while Slack or the Teams connector is failing goes the whole way: Tencent poller, outbox,
/// the real surface, the stand-in behind a <see cref="TcpRelay"/>. It is kept for a retry (never marked failed for a
/// transient fault), <c>/readyz</c> names the failing integration, and once the fault ends the card arrives exactly
/// once (counted at the stand-in). The clock is fake: the test moves it, so backoffs and Retry-After waits cost no time.
/// </summary>
[Trait("Category", "Slow")]
public sealed class AlarmFaultTests : IAsyncLifetime
{
    private const string SlackChannel = "C0ALARMS";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly string[] Integrations = ["slack", "teams", "tencent"];
    private readonly TeamsPlace _place = TeamsPlace.Channel();
    private readonly TcpRelay _slackRelay = new();
    private readonly TcpRelay _teamsRelay = new();

    private SlackStandIn _slack = null!;
    private TeamsStandIn _teams = null!;
    private AlarmHarness _h = null!;

    private string TeamsKey => Channel.KeyOf(TeamsPlatform.Name, _place.ConversationId);

    public async Task InitializeAsync()
    {
        // Teams' channel tokens carry real times; the bot's clock starts at the real now so they are valid.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _slack = await SlackStandIn.StartAsync(new SlackStandInSettings { Time = time });
        _teams = await TeamsStandIn.StartAsync();
        _slackRelay.TargetPort = new Uri(_slack.BaseUrl).Port;
        _teamsRelay.TargetPort = new Uri(_teams.BaseUrl).Port;
        var settings = _teams.BotSettings();
        settings["Slack:SigningSecret"] = _slack.Settings.SigningSecret;
        settings["Slack:BotToken"] = _slack.Settings.BotToken;
        settings["Slack:ApiBaseUrl"] = _slackRelay.Through(_slack.ApiBaseUrl);
        settings["Tencent:NotificationChannels:0"] = $"slack:{SlackChannel}";
        _h = await AlarmHarness.StartAsync(settings,
            _ => services => services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(_teams.CreateTrustingHandler)),
            time, SlackPlatform.Name, TeamsPlatform.Name);

        // Teams sends the serviceUrl with every activity; the bot keeps it, so the connector is reached through the relay.
        var serviceUrl = _teamsRelay.Through(_teams.ServiceUrl);
        using var request = new HttpRequestMessage(HttpMethod.Post, TeamsEndpoints.MessagesPath)
        {
            Content = new StringContent(ChannelActivities.ConversationUpdate(serviceUrl, _teams.Settings.AppId, _place, TeamsPerson.Alice).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _teams.ChannelToken(change: spec => spec with { ServiceUrl = serviceUrl }));
        Assert.Equal(HttpStatusCode.OK, (await _h.Bot.Client.SendAsync(request)).StatusCode);
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", $"slack:{SlackChannel}", TeamsKey);
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _slackRelay.DisposeAsync();
        await _teamsRelay.DisposeAsync();
        await _slack.DisposeAsync();
        await _teams.DisposeAsync();
    }

    public static TheoryData<string> Faults => ["503 storm", "refused", "429 storm"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task An_alarm_during_a_Slack_fault_is_delivered_exactly_once_after_it_ends(string fault)
    {
        Action end = () => { };
        switch (fault)
        {
            // More 503s than the surface retries in one go: the outbox has to keep the card and try again.
            case "503 storm": for (var i = 0; i < 2 * Bot.Slack.SlackChatSurface.MaxAttempts; i++) _slack.FailNext(new SlackApiFault.ServerError(503), "chat.postMessage"); break;
            case "refused": _slackRelay.Cut(); end = _slackRelay.Restore; break;
            case "429 storm":
                // First a wait longer than the surface holds a task for (handed back to the outbox), then short ones it rides out.
                _slack.FailNext(new SlackApiFault.RateLimited(60), "chat.postMessage");
                for (var i = 0; i < 3; i++) _slack.FailNext(new SlackApiFault.RateLimited(1), "chat.postMessage");
                break;
        }
        var title = $"Door open during {fault}";
        _h.Tencent.AddMessage(TencentCategory.Device, title, "x", "22F9Y6II7O", "light1");
        await _h.PollAsync();

        await WhileMovingTheClockAsync(async () => (await DeliveryAsync(title, $"slack:{SlackChannel}")).Attempts >= 1, "a failed attempt is stored");
        var during = await ReadinessReport.ReadAsync(_h.Bot.Admin);
        Assert.Equal((HttpStatusCode.OK, "degraded"), (during.Code, during.Status));
        Assert.Equal(ReadinessReport.Expect(Integrations, "slack"), during.Integrations);

        end();
        await WhileMovingTheClockAsync(async () => (await DeliveryAsync(title, $"slack:{SlackChannel}")).State == "Posted", "the card is posted");
        var posted = _slack.CallsOf("chat.postMessage").Count(c => c.Status == 200 && c.Error is null && c.Body.Contains(title, StringComparison.Ordinal));
        Assert.Equal(1, posted);
        var after = await ReadinessReport.ReadAsync(_h.Bot.Admin);
        Assert.Equal(("ready", ReadinessReport.Expect(Integrations)), (after.Status, after.Integrations));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task An_alarm_during_a_Teams_connector_fault_is_delivered_exactly_once_after_it_ends(string fault)
    {
        Action end = () => { };
        switch (fault)
        {
            case "503 storm": _teams.FailNext(Enumerable.Repeat(new ConnectorFault(503), 8).ToArray()); break;
            case "refused": _teamsRelay.Cut(); end = _teamsRelay.Restore; break;
            case "429 storm": _teams.FailNext(new ConnectorFault(429, TimeSpan.FromSeconds(90)), new ConnectorFault(429, TimeSpan.FromSeconds(2))); break;
        }
        var title = $"Door open during {fault}";
        _h.Tencent.AddMessage(TencentCategory.Device, title, "x", "22F9Y6II7O", "light1");
        await _h.PollAsync();

        await WhileMovingTheClockAsync(async () => (await DeliveryAsync(title, TeamsKey)).Attempts >= 1, "a failed attempt is stored");
        var during = await ReadinessReport.ReadAsync(_h.Bot.Admin);
        Assert.Equal((HttpStatusCode.OK, "degraded"), (during.Code, during.Status));
        Assert.Equal(ReadinessReport.Expect(Integrations, "teams"), during.Integrations);

        end();
        await WhileMovingTheClockAsync(async () => (await DeliveryAsync(title, TeamsKey)).State == "Posted", "the card is posted");
        var posted = _teams.Calls.Count(c => c.Operation is "create" or "send" && c.Status == 201 && c.Card?.ToJsonString().Contains(title, StringComparison.Ordinal) == true);
        Assert.Equal(1, posted);
        var after = await ReadinessReport.ReadAsync(_h.Bot.Admin);
        Assert.Equal(("ready", ReadinessReport.Expect(Integrations)), (after.Status, after.Integrations));
    }

    private sealed record Delivery(string State, int Attempts, string? LastError);

    /// <summary>The stored delivery of the alarm titled <paramref name="title"/> to <paramref name="channelKey"/>; a transient fault never makes it Failed.</summary>
    private async Task<Delivery> DeliveryAsync(string title, string channelKey)
    {
        var alarms = await _h.Bot.Admin.GetFromJsonAsync<JsonElement>("/admin/alarms?max=50");
        var alarm = alarms.EnumerateArray().Single(a => a.GetProperty("title").GetString() == title);
        var d = alarm.GetProperty("deliveries").EnumerateArray().Single(d => d.GetProperty("channelKey").GetString() == channelKey);
        var delivery = new Delivery(d.GetProperty("state").GetString()!, d.GetProperty("attempts").GetInt32(), d.GetProperty("lastError").GetString());
        Assert.True(delivery.State != "Failed", $"a transient fault was taken for a permanent one: {delivery}");
        return delivery;
    }

    /// <summary>Moves the fake clock half a second at a time (backoffs, Retry-After, pacing fall due) until <paramref name="done"/>.</summary>
    private async Task WhileMovingTheClockAsync(Func<Task<bool>> done, string what)
    {
        var until = DateTime.UtcNow + Wait;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, $"not reached in {Wait}: {what}");
            _h.Time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(20);
        }
    }
}
