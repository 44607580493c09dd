using Bot.Core.Storage;
using Dapper;

namespace Bot.Storage.Postgres;

internal sealed class PostgresStorageProbe(PostgresDatabase db) : IStorageProbe
{
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var c = await db.OpenAsync(cancellationToken);
            await c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"PostgreSQL: {e.Message}";
        }
    }
}
