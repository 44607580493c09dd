namespace Bot.Host.Health;

// The bodies of /healthz and /readyz (ReadinessResponse says who sees which).

/// <summary><c>{"status": "alive"}</c>, or the readiness alone for anyone without the admin key.</summary>
public sealed record HealthStatusBody(string Status);

/// <summary>The readiness for anyone without the admin key while anything is simulated.</summary>
public sealed record HealthModeBody(string Status, string Mode);

/// <summary>The readiness with its details, for the admin.</summary>
public sealed record ReadinessDetails(string Status, string Mode, string Storage, string Poller, IReadOnlyList<IntegrationReadiness> Integrations);

/// <summary>One integration's last outcome.</summary>
public sealed record IntegrationReadiness(string Name, bool Healthy, bool Simulated, string Detail, DateTimeOffset At, int ConsecutiveFailures);
