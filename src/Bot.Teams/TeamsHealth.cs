namespace Bot.Teams;

/// <summary>The name Teams (connector, channel signing keys) records its outcomes under and <c>/readyz</c> shows: defined once, here.</summary>
public static class TeamsHealth
{
    public const string Name = "teams";
}
