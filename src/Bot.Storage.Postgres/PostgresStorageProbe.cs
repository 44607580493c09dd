using Bot.Core.Storage;

namespace Bot.Storage.Postgres;

internal sealed class PostgresStorageProbe(PostgresDatabase db) : IStorageProbe
{
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var c = await db.OpenAsync(cancellationToken);
            await c.Command("SELECT 1").ScalarAsync<int>(cancellationToken);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"PostgreSQL: {e.Message}";
        }
    }
}
