namespace Bot.Slack;

/// <summary>
/// Whether Socket Mode has a greeted connection now. <paramref name="Since"/>: when it last changed;
/// <paramref name="FailedAttempts"/>: connections tried and lost or refused since the last greeting.
/// </summary>
public sealed record SlackSocketLink(bool Connected, string Detail, DateTimeOffset Since, int FailedAttempts);
