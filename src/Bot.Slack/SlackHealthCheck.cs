using Bot.Core.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Slack;

/// <summary>
/// Slack's readiness: degraded while Socket Mode (when on) has no live connection, since nothing reaches the bot
/// then, whatever the Web API's last outcome was; otherwise the last outcome of the Web API and Socket Mode.
/// </summary>
public sealed class SlackHealthCheck(IntegrationOutcomes outcomes, SlackSocketMode? socketMode) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (socketMode?.Link is { Connected: false } link)
        {
            var data = new Dictionary<string, object> { [IntegrationHealthCheck.At] = link.Since, [IntegrationHealthCheck.ConsecutiveFailures] = link.FailedAttempts };
            return new HealthCheckResult(context.Registration.FailureStatus, $"Socket Mode not connected: {link.Detail}", data: data);
        }
        return await new IntegrationHealthCheck(SlackHealth.Name, outcomes).CheckHealthAsync(context, cancellationToken);
    }

    /// <summary>The registration under <see cref="SlackHealth.Name"/>, run by <c>/readyz</c> like every integration's.</summary>
    public static HealthCheckRegistration Registration() =>
        new(SlackHealth.Name, sp => new SlackHealthCheck(sp.GetRequiredService<IntegrationOutcomes>(), sp.GetService<SlackSocketMode>()),
            HealthStatus.Degraded, [Readiness.Tag]);
}
