using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Channels;
using Bot.Host.Tests.Support;
using Bot.StandIns;
using Bot.StandIns.Slack;
using Bot.StandIns.Teams;
using Bot.StandIns.Tencent;
using Bot.Slack;
using Bot.Teams.Endpoint;
using Microsoft.Extensions.DependencyInjection;
using Bot.Teams;

namespace Bot.Host.Tests.Reliability;

/// <summary>The whole bot with Slack, Teams, ISDP and Tencent on, each against its stand-in (real clock).</summary>
public sealed class AllPlatforms : IAsyncDisposable
{
    public const string SlackChannel = "C0OPS";
    public static readonly TeamsPlace TeamsChannel = TeamsPlace.Channel();
    public static readonly string TeamsKey = Channel.KeyOf(TeamsPlatform.Name, TeamsChannel.ConversationId);
    public static readonly SlackPersonInChannel Zhang = new("U0ZHANG", "张三", SlackChannel, "ops");
    /// <summary>The one Slack admin (<c>Slack:Admins</c>); in Teams, <see cref="TeamsPerson.Alice"/> is the admin.</summary>
    public const string SlackAdmin = "U0ADMIN";
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private AllPlatforms() { }

    public SlackStandIn Slack { get; private set; } = null!;
    public TeamsStandIn Teams { get; private set; } = null!;
    public IsdpStandIn Isdp { get; private set; } = null!;
    public TencentStandIn Tencent { get; private set; } = null!;
    public BotTestHost Bot { get; private set; } = null!;

    public static async Task<AllPlatforms> StartAsync(string alias = "泵房")
    {
        var h = new AllPlatforms
        {
            Slack = await SlackStandIn.StartAsync(),
            Teams = await TeamsStandIn.StartAsync(),
            Isdp = await IsdpStandIn.StartAsync(),
            Tencent = await TencentStandIn.StartAsync(),
        };
        var settings = h.Teams.BotSettings();
        foreach (var (key, value) in h.Tencent.BotSettings()) settings[key] = value;
        settings["Tencent:PollInterval"] = "00:00:01";
        settings["Bot:DefaultLocale"] = "en-US";
        settings["Slack:SigningSecret"] = h.Slack.Settings.SigningSecret;
        settings["Slack:BotToken"] = h.Slack.Settings.BotToken;
        settings["Slack:ApiBaseUrl"] = h.Slack.ApiBaseUrl;
        settings["Slack:Admins:0"] = SlackAdmin;
        settings["Teams:Admins:0"] = TeamsPerson.Alice.AadObjectId;
        settings["Isdp:BaseUrl"] = h.Isdp.BaseUrl;
        settings["Isdp:ClientId"] = h.Isdp.Settings.ClientId;
        settings["Isdp:ClientSecret"] = h.Isdp.Settings.ClientSecret;
        settings["Isdp:Username"] = h.Isdp.Settings.Username;
        settings["Isdp:Password"] = h.Isdp.Settings.Password;
        settings["Isdp:PropertiesNamespace"] = h.Isdp.Settings.PropertiesNamespace;
        h.Bot = await BotTestHost.StartAsync(settings, builder =>
            builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(h.Teams.CreateTrustingHandler)));

        // The bot is added to the Teams channel (that is where its conversation reference comes from).
        (await h.SendTeamsAsync(ChannelActivities.ConversationUpdate(h.Teams.ServiceUrl, h.Teams.Settings.AppId, TeamsChannel, TeamsPerson.Alice))).EnsureSuccessStatusCode();
        (await h.Bot.Admin.PutAsJsonAsync("/admin/devices/aqm0523", new
        {
            isdpDeviceId = "aqm0523--1",
            chatJid = "759646@isdp.example.test",
            alias,
            tencent = new { productId = "22F9Y6II7O", deviceName = "light1" },
        })).EnsureSuccessStatusCode();
        foreach (var channel in new[] { $"slack:{SlackChannel}", TeamsKey })
            (await h.Bot.Admin.PostAsJsonAsync("/admin/mappings", new { channel, device = "aqm0523" })).EnsureSuccessStatusCode();
        return h;
    }

    /// <summary>An activity to <c>/api/messages</c> with a valid channel token (unless another is given).</summary>
    public Task<HttpResponseMessage> SendTeamsAsync(JsonObject activity, string? token = null) =>
        SendTeamsRawAsync(Encoding.UTF8.GetBytes(activity.ToJsonString()), "application/json", token);

    public Task<HttpResponseMessage> SendTeamsRawAsync(byte[] body, string contentType, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TeamsEndpoints.MessagesPath) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Teams.ChannelToken());
        return Bot.Client.SendAsync(request);
    }

    /// <summary>A body signed as Slack signs it, bytes as given (so it may be invalid UTF-8).</summary>
    public async Task<HttpResponseMessage> SendSlackRawAsync(string path, byte[] body, string contentType)
    {
        var timestamp = Slack.Now;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Slack.Sign(timestamp, body));
        return await Bot.Client.SendAsync(request);
    }

    /// <summary>Waits until the work the bot does after answering (Slack's and Teams' follow-ups) has finished.</summary>
    public async Task QuietAsync()
    {
        await Bot.Get<Bot.Core.Channels.FollowUpWork>().IdleAsync().WaitAsync(Wait);
        // Pending calls and refusal audit lines are stored behind the answer: they count as the request's doing too.
        await Bot.WritesSettledAsync();
    }

    /// <summary>What the bot has stored that a refused request must not change.</summary>
    public async Task<string> StateAsync()
    {
        var parts = new List<string>();
        foreach (var path in new[] { "/admin/devices", "/admin/mappings", "/admin/channels", "/admin/callers", "/admin/calls/audit?max=1000", "/admin/alarms/acknowledgements?max=1000", "/admin/family-mappings" })
            parts.Add(await Bot.Admin.GetStringAsync(path));
        parts.Add($"invites:{Isdp.ReceivedInvites.Count}");
        return string.Join("\n", parts);
    }

    /// <summary>
    /// What only an admin may change: devices, mappings, ISDP callers, family mappings, and calls (every audit entry
    /// past a request or a refusal of one, and the invites ISDP received). A request from anyone else leaves it as it was,
    /// whatever the answer.
    /// </summary>
    public async Task<string> AdminStateAsync()
    {
        var parts = new List<string>();
        foreach (var path in new[] { "/admin/devices", "/admin/mappings", "/admin/callers", "/admin/family-mappings" })
            parts.Add(await Bot.Admin.GetStringAsync(path));
        var audit = await Bot.Admin.GetFromJsonAsync<JsonElement>("/admin/calls/audit?max=1000");
        parts.AddRange(audit.EnumerateArray().Where(e => e.GetProperty("event").GetString() is not ("requested" or "refused-unknown-device" or "refused-not-mapped"))
            .Select(e => e.GetRawText()));
        parts.Add($"invites:{Isdp.ReceivedInvites.Count}");
        return string.Join("\n", parts);
    }

    /// <summary>The Slack alarm card's JSON and the Teams card's activity id once an alarm reached both channels.</summary>
    public async Task<(JsonElement SlackCard, string TeamsActivityId, string AlarmId)> AlarmPostedAsync(string title)
    {
        var alarmId = Tencent.AddMessage(1, title, "x", "22F9Y6II7O", "light1").MsgId;
        var slack = (await Slack.WaitForCallsAsync("chat.postMessage", 1, Wait)).Last(c => c.Body.Contains(title, StringComparison.Ordinal));
        var teams = (await Teams.WaitForAsync(c => c.Any(x => x.Operation is "create" or "send" && x.Status == 201 && x.Card?.ToJsonString().Contains(title, StringComparison.Ordinal) == true), Wait))
            .Last(x => x.Operation is "create" or "send" && x.Status == 201);
        return (slack.Json, teams.ActivityId!, alarmId);
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Slack.DisposeAsync();
        await Teams.DisposeAsync();
        await Isdp.DisposeAsync();
        await Tencent.DisposeAsync();
    }
}
