namespace Bot.Slack;

/// <summary>Slack's platform name: stored with channels and users and the first part of their keys (<c>slack:C0123</c>).</summary>
public static class SlackPlatform
{
    public const string Name = "slack";
}
