using Bot.Core.Alarms;

namespace Bot.Storage.Postgres;

/// <summary>
/// Claims on pacing scopes as leases in <c>channel_claims</c>, timed by the server's clock (so the replicas' clocks need
/// not agree): one statement takes a free or expired claim or renews this replica's own, and answers whether this
/// replica holds it now and, when it has just taken it over, how long the previous holder's pacing still asks it to
/// wait. A dead replica's claims expire after <see cref="PostgresOptions.ChannelClaim"/>.
/// </summary>
public sealed class PostgresChannelClaims(PostgresDatabase db) : IChannelClaims
{
    public async Task<ChannelClaim> TryClaimAsync(string scope, TimeSpan quiet, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        // A claim lasts at least as long as the pacing remembers its posts, so nobody takes it while its holder may still
        // post at once; a taker's lease counts from when it may post, so it does not lose the scope while it waits.
        // now() is this statement's start (it is a transaction of its own): claimed_at equals it only when this statement took the scope.
        var wait = await c.Command("""
            INSERT INTO channel_claims AS k (channel_key, owner, expires_at, not_before, claimed_at)
            VALUES (@scope, @owner, clock_timestamp() + greatest(@lease, @quiet), 'epoch', now())
            ON CONFLICT (channel_key) DO UPDATE SET owner = excluded.owner,
                expires_at = CASE WHEN k.owner = excluded.owner THEN greatest(k.expires_at, excluded.expires_at) ELSE greatest(clock_timestamp(), k.not_before) + greatest(@lease, @quiet) END,
                not_before = CASE WHEN k.owner = excluded.owner THEN clock_timestamp() + @quiet ELSE k.not_before END,
                claimed_at = CASE WHEN k.owner = excluded.owner THEN k.claimed_at ELSE now() END
            WHERE k.owner = excluded.owner OR k.expires_at <= clock_timestamp()
            RETURNING CASE WHEN k.claimed_at = now() AND k.not_before > clock_timestamp() THEN extract(epoch FROM k.not_before - clock_timestamp())::float8 ELSE 0 END
            """).With("scope", scope).With("owner", db.Replica).With("lease", db.Options.ChannelClaim).With("quiet", quiet).ScalarAsync<double?>(cancellationToken);
        if (wait is { } taken) return new ChannelClaim(true, TimeSpan.FromSeconds(taken));
        var left = await c.Command("SELECT greatest(extract(epoch FROM expires_at - clock_timestamp())::float8, 0) FROM channel_claims WHERE channel_key = @scope")
            .With("scope", scope).ScalarAsync<double?>(cancellationToken);
        return new ChannelClaim(false, TimeSpan.FromSeconds(left ?? 0));
    }

    public Task KeepAsync(string scope, TimeSpan quiet, CancellationToken cancellationToken) =>
        SetAsync("clock_timestamp() + greatest(@lease, @quiet)", scope, quiet, cancellationToken);

    public Task ReleaseAsync(string scope, TimeSpan quiet, CancellationToken cancellationToken) =>
        SetAsync("clock_timestamp()", scope, quiet, cancellationToken);

    // The row stays when given back: it still tells a taker how long to wait.
    private async Task SetAsync(string expiresAt, string scope, TimeSpan quiet, CancellationToken cancellationToken)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.Command($"""
            UPDATE channel_claims SET expires_at = {expiresAt}, not_before = clock_timestamp() + @quiet
            WHERE channel_key = @scope AND owner = @owner
            """).With("scope", scope).With("owner", db.Replica).With("lease", db.Options.ChannelClaim).With("quiet", quiet).ExecuteAsync(cancellationToken);
    }
}
