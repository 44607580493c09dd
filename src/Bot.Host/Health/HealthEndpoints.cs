using Bot.Core.Health;
using Bot.Core.Storage;

namespace Bot.Host.Health;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/healthz</c>: the process answers. <c>/readyz</c>: 503 when storage is unreachable; otherwise 200,
    /// <c>degraded</c> when an integration's last outcome was a failure (the bot still serves the rest).
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "alive" })).ExcludeFromDescription();
        app.MapGet("/readyz", async (IStorageProbe storage, IntegrationHealth integrations, CancellationToken ct) =>
        {
            var storageProblem = await storage.ProblemAsync(ct);
            var statuses = integrations.Snapshot();
            var status = storageProblem is not null ? "unavailable" : statuses.All(s => s.Healthy) ? "ready" : "degraded";
            var body = new
            {
                status,
                storage = storageProblem ?? "ok",
                integrations = statuses.Select(s => new { name = s.Name, healthy = s.Healthy, detail = s.Detail, at = s.At, consecutiveFailures = s.ConsecutiveFailures }),
            };
            return storageProblem is null ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription();
        return app;
    }
}
