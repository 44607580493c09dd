using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.Host.Tests.Support;
using Bot.StandIns.Teams;
using Bot.Teams;

namespace Bot.Host.Tests.Reliability;

/// <summary>
/// The Teams connector under faults, reached through a <see cref="TcpRelay"/> (the conversation's serviceUrl points
/// at it): <c>/readyz</c> names Teams while a fault lasts, the bot keeps answering, posting works again after.
/// </summary>
[Trait("Category", "Slow")]
public sealed class TeamsFaultTests : IAsyncLifetime
{
    private AllPlatforms _h = null!;
    private static readonly string[] Integrations = ["isdp", "slack", "teams", "tencent"];
    private readonly TcpRelay _relay = new();

    public async Task InitializeAsync()
    {
        _h = await AllPlatforms.StartAsync();
        _relay.TargetPort = new Uri(_h.Teams.BaseUrl).Port;
        // Teams sends the serviceUrl with every activity; the bot keeps the newest one.
        var serviceUrl = _relay.Through(_h.Teams.ServiceUrl);
        var update = ChannelActivities.ConversationUpdate(serviceUrl, _h.Teams.Settings.AppId, AllPlatforms.TeamsChannel, TeamsPerson.Alice);
        (await _h.SendTeamsAsync(update, _h.Teams.ChannelToken(change: spec => spec with { ServiceUrl = serviceUrl }))).EnsureSuccessStatusCode();
        Assert.Contains($":{_relay.Port}", (await ChannelAsync()).Reference);
    }

    public async Task DisposeAsync()
    {
        await _h.DisposeAsync();
        await _relay.DisposeAsync();
    }

    public static TheoryData<string> Faults => ["429 storm", "503", "502 storm", "refused", "token refused twice"];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Connector_faults_show_in_readyz_while_they_last_and_posting_recovers(string fault)
    {
        Action end = () => { };
        switch (fault)
        {
            case "429 storm": _h.Teams.FailNext(new ConnectorFault(429, TimeSpan.FromSeconds(90))); break;   // longer than the connector waits itself
            case "503": _h.Teams.FailNext(new ConnectorFault(503)); break;
            // A new message is not sent again after a 502 (it may have arrived): the storm's first answer ends the post.
            case "502 storm": _h.Teams.FailNext(new ConnectorFault(502)); break;
            case "refused": _relay.Cut(); end = _relay.Restore; break;
            case "token refused twice": _h.Teams.FailNext(new ConnectorFault(401), new ConnectorFault(401)); break;
        }
        var surface = _h.Bot.Get<ChatSurfaces>().For(TeamsPlatform.Name)!;

        Assert.IsNotType<PostOutcome.Posted>(await surface.PostAsync(await ChannelAsync(), CardParts.Message("during the fault"), CancellationToken.None));
        var during = await ReadyAsync();
        Assert.Equal(("degraded", false), (during.Status, during.Healthy["teams"]));
        Assert.Equal("degraded", (await ReadinessReport.WaitForAsync(_h.Bot.Admin, ReadinessReport.Expect(Integrations, "teams"), AllPlatforms.Wait)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _h.Bot.Client.GetAsync("/healthz")).StatusCode);
        var help = await _h.SendTeamsAsync(ChannelActivities.Message(_h.Teams.ServiceUrl, _h.Teams.Settings.AppId, AllPlatforms.TeamsChannel, TeamsPerson.Bob, "help"));
        Assert.Equal(HttpStatusCode.OK, help.StatusCode);

        end();
        Assert.IsType<PostOutcome.Posted>(await surface.PostAsync(await ChannelAsync(), CardParts.Message("after the fault"), CancellationToken.None));
        // Every integration by name healthy again (polled: another one may blip on a loaded machine), and "ready".
        var after = await ReadinessReport.WaitForAsync(_h.Bot.Admin, ReadinessReport.Expect(Integrations), AllPlatforms.Wait);
        Assert.Equal("ready", after.Status);
    }

    [Fact]
    public async Task A_token_the_connector_refuses_once_is_renewed_and_the_post_goes_through()
    {
        var surface = _h.Bot.Get<ChatSurfaces>().For(TeamsPlatform.Name)!;
        Assert.IsType<PostOutcome.Posted>(await surface.PostAsync(await ChannelAsync(), CardParts.Message("first"), CancellationToken.None));
        var issued = _h.Teams.TokensIssued;
        _h.Teams.FailNext(new ConnectorFault(401));   // as when the cached token was revoked before its expiry

        var outcome = await surface.PostAsync(await ChannelAsync(), CardParts.Message("alarm"), CancellationToken.None);

        Assert.IsType<PostOutcome.Posted>(outcome);
        Assert.Equal(issued + 1, _h.Teams.TokensIssued);
        Assert.True((await ReadyAsync()).Healthy["teams"]);
    }

    private async Task<Channel> ChannelAsync() => (await _h.Bot.Get<IChannelStore>().FindAsync(AllPlatforms.TeamsKey))!;

    private async Task<(string Status, Dictionary<string, bool> Healthy)> ReadyAsync()
    {
        var body = await _h.Bot.Admin.GetFromJsonAsync<JsonElement>("/readyz");
        return (body.GetProperty("status").GetString()!, body.GetProperty("integrations").EnumerateArray()
            .ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("healthy").GetBoolean()));
    }
}
