using Bot.Core.Alarms;
using Bot.Core.Health;
using Bot.Core.Integrations;
using Bot.Host.Admin;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bot.Host.Health;

/// <summary>
/// The body of <c>/readyz</c>. For anyone: <c>status</c> (<c>ready</c>, <c>degraded</c>, <c>unavailable</c>), and
/// <c>mode: "playground"</c> while anything is simulated, so a simulated bot never passes for a real one.
/// With the admin key (<c>X-Api-Key</c>) also: <c>mode</c> always, <c>storage</c> (<c>ok</c> or the problem, the database
/// server's included), <c>poller</c> (<c>held</c>: this replica polls the alarm sources; <c>standby</c>: another one does) and
/// each integration's last outcome by name, marked <c>simulated</c> where it is; those details name hosts and
/// error codes, which are nobody else's business.
/// </summary>
public static class ReadinessResponse
{
    public const string Production = "production";
    public const string Playground = "playground";

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var services = context.RequestServices;
        var simulation = services.GetRequiredService<Simulation>();
        var status = report.Status switch
        {
            HealthStatus.Healthy => "ready",
            HealthStatus.Degraded => "degraded",
            _ => "unavailable",
        };
        var mode = simulation.IsOn ? Playground : Production;
        if (!services.GetRequiredService<AdminKeyFilter>().Allows(context.Request))
        {
            return simulation.IsOn
                ? context.Response.WriteAsJsonAsync(new HealthModeBody(status, mode), HealthJsonContext.Default.HealthModeBody, cancellationToken: context.RequestAborted)
                : context.Response.WriteAsJsonAsync(new HealthStatusBody(status), HealthJsonContext.Default.HealthStatusBody, cancellationToken: context.RequestAborted);
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var body = new ReadinessDetails(
            status,
            mode,
            Storage: report.Entries.TryGetValue(StorageHealthCheck.Name, out var storage) && storage.Status != HealthStatus.Healthy
                ? storage.Description ?? storage.Exception?.Message ?? "unreachable"
                : "ok",
            Poller: services.GetRequiredService<IPollerLock>().Held ? "held" : "standby",
            Integrations: report.Entries
                .Where(e => e.Key != StorageHealthCheck.Name)
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => new IntegrationReadiness(
                    e.Key,
                    Healthy: e.Value.Status == HealthStatus.Healthy,
                    Simulated: simulation.Covers(e.Key),
                    Detail: e.Value.Description ?? e.Value.Exception?.Message ?? "",
                    At: e.Value.Data.TryGetValue(IntegrationHealthCheck.At, out var at) ? (DateTimeOffset)at : now,
                    ConsecutiveFailures: e.Value.Data.TryGetValue(IntegrationHealthCheck.ConsecutiveFailures, out var n) ? (int)n : 0))
                .ToList());
        return context.Response.WriteAsJsonAsync(body, HealthJsonContext.Default.ReadinessDetails, cancellationToken: context.RequestAborted);
    }
}
