namespace Bot.StandIns.Teams;

/// <summary>A fault the connector shows on its next request(s).</summary>
public sealed record ConnectorFault(int Status, TimeSpan? RetryAfter = null);
