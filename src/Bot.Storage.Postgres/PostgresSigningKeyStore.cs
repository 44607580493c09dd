using Bot.Core.Storage;

namespace Bot.Storage.Postgres;

/// <summary>Keys the bot made for itself, shared by the replicas: the first insert wins, everyone reads that one.</summary>
public sealed class PostgresSigningKeyStore(PostgresDatabase db) : ISigningKeyStore
{
    public async Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.Command("INSERT INTO signing_keys (name, value) VALUES (@name, @candidate) ON CONFLICT (name) DO NOTHING")
            .With("name", name).With("candidate", candidate).ExecuteAsync(cancellationToken);
        return await c.Command("SELECT value FROM signing_keys WHERE name = @name").With("name", name)
            .SingleAsync(r => r.GetFieldValue<byte[]>(0), cancellationToken);
    }
}
