using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Core.Health;

/// <summary>
/// One integration's readiness: degraded while its last outcome was a failure (the bot still serves the rest).
/// Registered by each integration's <c>Add…</c> with <see cref="Readiness.Integration"/>, under its own name constant.
/// </summary>
public sealed class IntegrationHealthCheck(string name, IntegrationOutcomes outcomes) : IHealthCheck
{
    public const string At = "at";
    public const string ConsecutiveFailures = "consecutiveFailures";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var last = outcomes.Last(name);
        var data = new Dictionary<string, object> { [At] = last.At, [ConsecutiveFailures] = last.ConsecutiveFailures };
        return Task.FromResult(last.Healthy
            ? HealthCheckResult.Healthy(last.Detail, data)
            : new HealthCheckResult(context.Registration.FailureStatus, last.Detail, data: data));
    }
}
