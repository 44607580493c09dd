namespace Bot.Core.Health;

/// <summary>The last outcome of one integration (ISDP, the alarm source's poller, a chat platform), shown by <c>/readyz</c>.</summary>
public sealed record IntegrationStatus(string Name, bool Healthy, string Detail, DateTimeOffset At, int ConsecutiveFailures);
