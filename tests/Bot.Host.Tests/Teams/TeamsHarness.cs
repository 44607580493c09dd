using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Storage;
using Bot.Host.Tests.Support;
using Bot.StandIns;
using Bot.StandIns.Teams;
using Bot.Teams.Endpoint;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Teams;

/// <summary>The whole bot with Teams on, against the Teams (channel, token, connector) and ISDP stand-ins.</summary>
internal sealed class TeamsHarness : IAsyncDisposable
{
    public const string PropertiesNamespace = "http://openfire.example.test/xmlns/xmpp/properties";

    private TeamsHarness(TeamsStandIn teams, IsdpStandIn isdp, BotTestHost bot)
    {
        Teams = teams;
        Isdp = isdp;
        Bot = bot;
    }

    public TeamsStandIn Teams { get; }
    public IsdpStandIn Isdp { get; }
    public BotTestHost Bot { get; }
    public string BotId => Teams.Settings.AppId;
    public string ServiceUrl => Teams.ServiceUrl;

    public static async Task<TeamsHarness> StartAsync(Action<Dictionary<string, string?>>? change = null, TimeProvider? time = null)
    {
        var teams = await TeamsStandIn.StartAsync();
        var isdp = await IsdpStandIn.StartAsync(new IsdpStandInSettings { PropertiesNamespace = PropertiesNamespace });
        var settings = teams.BotSettings();
        settings["Teams:Admins:0"] = TeamsPerson.Alice.AadObjectId;
        settings["Isdp:BaseUrl"] = isdp.BaseUrl;
        settings["Isdp:ClientId"] = isdp.Settings.ClientId;
        settings["Isdp:ClientSecret"] = isdp.Settings.ClientSecret;
        settings["Isdp:Username"] = isdp.Settings.Username;
        settings["Isdp:Password"] = isdp.Settings.Password;
        settings["Isdp:PropertiesNamespace"] = PropertiesNamespace;
        settings["Bot:DefaultLocale"] = "en-US";
        change?.Invoke(settings);
        var bot = await BotTestHost.StartAsync(settings, builder =>
        {
            // The stand-in serves HTTPS with its own certificate; the bot's clients trust exactly that one.
            if (time is not null) builder.Services.AddSingleton(time);
            builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(teams.CreateTrustingHandler));
        });
        return new TeamsHarness(teams, isdp, bot);
    }

    public Task<HttpResponseMessage> SendAsync(JsonObject activity, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TeamsEndpoints.MessagesPath)
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Teams.ChannelToken());
        return Bot.Client.SendAsync(request);
    }

    /// <summary>Waits for follow-ups the bot does after answering (card edits, replies).</summary>
    public Task FollowUpsDoneAsync() => Bot.Get<Bot.Core.Channels.FollowUpWork>().IdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

    public IChannelStore Channels => Bot.Get<IChannelStore>();

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Isdp.DisposeAsync();
        await Teams.DisposeAsync();
    }
}
