namespace Bot.Slack;

/// <summary>The name Slack (Web API, response_url, Socket Mode) records its outcomes under and <c>/readyz</c> shows: defined once, here.</summary>
public static class SlackHealth
{
    public const string Name = "slack";
}
