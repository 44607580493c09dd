// Spec: docs/protocols/slack.md (settings of a Slack app).
using Bot.Core.Integrations;
using Microsoft.Extensions.Configuration;

namespace Bot.Slack;

/// <summary>
/// Settings section <c>Slack</c>. Each credential switches on one part: <see cref="SigningSecret"/> the
/// HTTP endpoints, <see cref="BotToken"/> posting into channels and locale look-ups, <see cref="AppToken"/>
/// Socket Mode. With none set, Slack is off.
/// </summary>
public sealed class SlackOptions : IIntegrationSection<SlackOptions>
{
    public static SlackOptions? From(IConfiguration section) => section.Get<SlackOptions>();

    public const string Section = "Slack";

    /// <summary>The app's signing secret (Basic Information → App Credentials); verifies every HTTP request.</summary>
    public string SigningSecret { get; set; } = "";

    /// <summary>Bot user OAuth token <c>xoxb-…</c>.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>App-level token <c>xapp-…</c> with <c>connections:write</c>; turns Socket Mode on.</summary>
    public string AppToken { get; set; } = "";

    /// <summary>Root of the Web API; stand-ins point it elsewhere.</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    /// <summary>
    /// Socket Mode pings Slack this often and drops a connection whose pong is this late: a silent (half-open)
    /// connection is noticed within twice this time and replaced.
    /// </summary>
    public TimeSpan SocketKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Slack user ids (<c>U…</c>) allowed to change a channel's devices.</summary>
    public string[] Admins { get; set; } = [];

    public bool HttpEnabled => !string.IsNullOrWhiteSpace(SigningSecret);
    public bool PostingEnabled => !string.IsNullOrWhiteSpace(BotToken);
    public bool SocketModeEnabled => !string.IsNullOrWhiteSpace(AppToken);
    public bool Enabled => HttpEnabled || PostingEnabled || SocketModeEnabled;

    public bool IsAdmin(string userId) => Admins.Contains(userId, StringComparer.Ordinal);

    /// <summary><see cref="ApiBaseUrl"/> with a trailing slash, so method names resolve beneath it.</summary>
    public Uri ApiBase => new(ApiBaseUrl.EndsWith('/') ? ApiBaseUrl : ApiBaseUrl + "/", UriKind.Absolute);
}
