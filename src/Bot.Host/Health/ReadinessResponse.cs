using Bot.Core.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Host.Health;

/// <summary>
/// The body of <c>/readyz</c>: <c>status</c> (<c>ready</c>, <c>degraded</c>, <c>unavailable</c>), <c>storage</c>
/// (<c>ok</c> or the problem) and each integration's last outcome, by name.
/// </summary>
public static class ReadinessResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var body = new
        {
            status = report.Status switch
            {
                HealthStatus.Healthy => "ready",
                HealthStatus.Degraded => "degraded",
                _ => "unavailable",
            },
            storage = report.Entries.TryGetValue(StorageHealthCheck.Name, out var storage) && storage.Status != HealthStatus.Healthy
                ? storage.Description ?? storage.Exception?.Message ?? "unreachable"
                : "ok",
            integrations = report.Entries
                .Where(e => e.Key != StorageHealthCheck.Name)
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => new
                {
                    name = e.Key,
                    healthy = e.Value.Status == HealthStatus.Healthy,
                    detail = e.Value.Description ?? e.Value.Exception?.Message ?? "",
                    at = e.Value.Data.TryGetValue(IntegrationHealthCheck.At, out var at) ? (DateTimeOffset)at : now,
                    consecutiveFailures = e.Value.Data.TryGetValue(IntegrationHealthCheck.ConsecutiveFailures, out var n) ? (int)n : 0,
                }),
        };
        return context.Response.WriteAsJsonAsync(body, context.RequestAborted);
    }
}
