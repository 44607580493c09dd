using Bot.Core.Alarms;
using Dapper;

namespace Bot.Storage.Postgres;

/// <summary>
/// Claims on channels as leases in <c>channel_claims</c>, timed by the server's clock: one statement takes a free or
/// expired claim or renews this replica's own, and answers whether this replica holds it now. A dead replica's claims
/// expire after <see cref="PostgresOptions.ChannelClaim"/>.
/// </summary>
public sealed class PostgresChannelClaims(PostgresDatabase db) : IChannelClaims
{
    public async Task<bool> TryClaimAsync(string channelKey, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteScalarAsync<int?>(new CommandDefinition("""
            INSERT INTO channel_claims (channel_key, owner, expires_at) VALUES (@channelKey, @owner, clock_timestamp() + @lease)
            ON CONFLICT (channel_key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
            WHERE channel_claims.owner = excluded.owner OR channel_claims.expires_at <= clock_timestamp()
            RETURNING 1
            """, new { channelKey, owner = db.Replica, lease = db.Options.ChannelClaim }, cancellationToken: cancellationToken)) is 1;
    }

    public async Task ReleaseAsync(string channelKey, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM channel_claims WHERE channel_key = @channelKey AND owner = @owner",
            new { channelKey, owner = db.Replica }, cancellationToken: cancellationToken));
    }
}
