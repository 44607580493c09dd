namespace Bot.Host.Playground;

/// <summary>
/// Settings section <c>Playground</c>. The playground is the bot with no accounts at all: ISDP and Tencent
/// simulated in-process, example devices, and the web chat page at the host's root URL.
/// </summary>
public sealed class PlaygroundOptions
{
    public const string Section = "Playground";

    /// <summary>true: always; false: never; empty: on when no integration is configured.</summary>
    public bool? Enabled { get; set; }

    /// <summary>How often the simulated Tencent IoT Explorer raises an example alarm.</summary>
    public TimeSpan AlarmInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Serve the web chat to other machines too (nobody signs in to it: trusted networks only).</summary>
    public bool AllowRemote { get; set; }

    /// <summary>The settings whose presence means a real integration is configured.</summary>
    public static readonly string[] IntegrationKeys = ["Isdp:BaseUrl", "Slack:SigningSecret", "Teams:MicrosoftAppId", "Tencent:AppKey"];

    public static bool IsOn(IConfiguration config)
    {
        var enabled = config.GetValue<bool?>($"{Section}:{nameof(Enabled)}");
        return enabled ?? IntegrationKeys.All(key => string.IsNullOrWhiteSpace(config[key]));
    }
}
