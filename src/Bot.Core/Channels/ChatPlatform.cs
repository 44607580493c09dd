namespace Bot.Core.Channels;

/// <summary>The chat platforms the bot speaks. The string form is stored and appears in channel keys.</summary>
public static class ChatPlatform
{
    public const string Slack = "slack";
    public const string Teams = "teams";
    public const string Web = "web";

    public static bool IsKnown(string platform) => platform is Slack or Teams or Web;
}
