using Bot.Core.Storage;
using Dapper;

namespace Bot.Storage.Postgres;

/// <summary>Keys the bot made for itself, shared by the replicas: the first insert wins, everyone reads that one.</summary>
public sealed class PostgresSigningKeyStore(PostgresDatabase db) : ISigningKeyStore
{
    public async Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition("INSERT INTO signing_keys (name, value) VALUES (@name, @candidate) ON CONFLICT (name) DO NOTHING",
            new { name, candidate }, cancellationToken: cancellationToken));
        return await c.QuerySingleAsync<byte[]>(new CommandDefinition("SELECT value FROM signing_keys WHERE name = @name", new { name }, cancellationToken: cancellationToken));
    }
}
