using Bot.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Core.Health;

/// <summary>Storage's readiness: without it the bot cannot serve anything, so <c>/readyz</c> answers 503.</summary>
public sealed class StorageHealthCheck(IStorageProbe probe) : IHealthCheck
{
    public const string Name = "storage";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await probe.ProblemAsync(cancellationToken) is { } problem
            ? new HealthCheckResult(context.Registration.FailureStatus, problem)
            : HealthCheckResult.Healthy("ok");
}
