using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Core.Health;

/// <summary>The health checks <c>/readyz</c> runs carry <see cref="Tag"/>; <c>/healthz</c> runs none.</summary>
public static class Readiness
{
    public const string Tag = "ready";

    /// <summary>
    /// The check of one integration under its name constant (each integration's <c>…Health.Name</c>): a failure degrades
    /// readiness, it never makes the bot unavailable. Add it with <c>AddHealthChecks().Add(…)</c>.
    /// </summary>
    public static HealthCheckRegistration Integration(string name) =>
        new(name, sp => new IntegrationHealthCheck(name, sp.GetRequiredService<IntegrationOutcomes>()), HealthStatus.Degraded, [Tag]);

    /// <summary>Storage: unreachable storage makes the bot unavailable (503).</summary>
    public static HealthCheckRegistration Storage() =>
        new(StorageHealthCheck.Name, sp => ActivatorUtilities.CreateInstance<StorageHealthCheck>(sp), HealthStatus.Unhealthy, [Tag]);
}
