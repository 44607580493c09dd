namespace Bot.Core.Alarms;

/// <summary>
/// Settings section <c>Alarms</c>: the relay's own settings, whatever the source. (A source's settings
/// are its own section; times on cards follow <c>Bot:TimeZone</c>.)
/// </summary>
public sealed class AlarmOptions
{
    public const string Section = "Alarms";

    /// <summary>Channel keys (<c>platform:id</c> of a registered platform) that receive notifications.</summary>
    public List<string> NotificationChannels { get; set; } = [];

    /// <summary>Each change of an alarm's state is also a short line in the card's thread; false leaves threads quiet.</summary>
    public bool ThreadLog { get; set; } = true;
}
