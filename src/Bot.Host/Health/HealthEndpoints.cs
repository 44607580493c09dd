using Bot.Core.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Host.Health;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/healthz</c>: the process answers (no checks run). <c>/readyz</c>: the checks tagged <see cref="Readiness.Tag"/>;
    /// 503 when storage is unreachable, otherwise 200, <c>degraded</c> when an integration's last outcome was a failure
    /// (the bot still serves the rest). Its details need the admin key (<see cref="ReadinessResponse"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => context.Response.WriteAsJsonAsync(new HealthStatusBody("alive"), HealthJsonContext.Default.HealthStatusBody),
        }).ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Readiness.Tag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = ReadinessResponse.WriteAsync,
        }).ExcludeFromDescription();
        return app;
    }
}
