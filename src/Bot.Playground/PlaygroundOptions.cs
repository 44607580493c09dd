using Bot.Host;

namespace Bot.Playground;

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

    public static bool IsOn(IConfiguration config)
    {
        var enabled = config.GetValue<bool?>($"{Section}:{nameof(Enabled)}");
        return enabled ?? BotApp.ConfiguredIntegrations(config).Count == 0;
    }
}
