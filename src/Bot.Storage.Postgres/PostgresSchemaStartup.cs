using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Storage.Postgres;

/// <summary>Brings the schema up to date before anything else starts (registered ahead of the bot's other services).</summary>
public sealed partial class PostgresSchemaStartup(PostgresDatabase db, ILogger<PostgresSchemaStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var applied = await PostgresMigrations.ApplyAsync(db, cancellationToken);
        if (applied.Count > 0) LogApplied(log, string.Join(", ", applied));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema migrations applied: {Scripts}")]
    private static partial void LogApplied(ILogger logger, string scripts);
}
