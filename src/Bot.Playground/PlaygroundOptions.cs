using Bot.Host;

namespace Bot.Playground;

/// <summary>
/// Settings section <c>Playground</c>. The playground is the bot with no accounts at all: ISDP and Tencent
/// simulated in-process, example devices, and the web chat page at the host's root URL.
/// </summary>
public sealed class PlaygroundOptions
{
    public const string Section = "Playground";

    /// <summary>
    /// Settings any of which means a real deployment: one credential of any integration is enough to keep the
    /// playground off, even while that integration still lacks the rest of its settings (e.g. Slack before ISDP).
    /// </summary>
    public static readonly IReadOnlyList<string> Credentials =
    [
        "Isdp:BaseUrl", "Isdp:ClientId", "Isdp:ClientSecret", "Isdp:Username", "Isdp:Password",
        "Slack:SigningSecret", "Slack:BotToken", "Slack:AppToken",
        "Teams:MicrosoftAppId", "Teams:MicrosoftAppPassword",
        "Tencent:AppKey", "Tencent:AppSecret", "Tencent:Password",
    ];

    /// <summary>true: always (even beside real credentials); false: never; empty: on only when no credential of any integration is set.</summary>
    public bool? Enabled { get; set; }

    /// <summary>How often the simulated Tencent IoT Explorer raises an example alarm.</summary>
    public TimeSpan AlarmInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Serve the web chat to other machines and through reverse proxies too. The per-start key is still required;
    /// off, requests from elsewhere or carrying forwarding headers (<c>Forwarded</c>, <c>X-Forwarded-*</c>) are refused.
    /// </summary>
    public bool AllowRemote { get; set; }

    public static bool IsOn(IConfiguration config)
    {
        var enabled = config.GetValue<bool?>($"{Section}:{nameof(Enabled)}");
        return enabled ?? (BotApp.ConfiguredIntegrations(config).Count == 0 && ConfiguredCredentials(config).Count == 0);
    }

    /// <summary>The <see cref="Credentials"/> that are set.</summary>
    public static IReadOnlyList<string> ConfiguredCredentials(IConfiguration config) =>
        Credentials.Where(key => !string.IsNullOrWhiteSpace(config[key])).ToList();
}
