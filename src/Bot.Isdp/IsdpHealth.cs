namespace Bot.Isdp;

/// <summary>The name ISDP (token and device calls) records its outcomes under and <c>/readyz</c> shows: defined once, here.</summary>
public static class IsdpHealth
{
    public const string Name = "isdp";
}
