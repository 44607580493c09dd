using Bot.Core.Alarms;
using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>
/// The poller's turn as a PostgreSQL session advisory lock (<c>pg_try_advisory_lock</c>) on a connection of its own,
/// outside the pool. The server releases it the moment that session ends: when the polling replica dies, even by
/// SIGKILL, its idle connection's end is seen at once and another replica takes the lock at its next ask (within one
/// poll interval) and reads on from the stored cursor. The connection is idle between asks, never inside a long query,
/// so the server notices at once; each ask checks it, so a replica whose connection broke stops counting itself
/// the poller. Server-side TCP keepalives end the session of a replica cut off by the network within about 25 s.
/// </summary>
public sealed class PostgresPollerLock(PostgresDatabase db) : IPollerLock, IAsyncDisposable
{
    // Advisory locks belong to the whole database: the schema is part of the key, so bots in two schemas poll apart.
    private readonly string _key = $"bot-poller:{db.SearchPath}";
    private readonly SemaphoreSlim _asking = new(1, 1);
    private NpgsqlConnection? _connection;
    private volatile bool _held;

    public bool Held => _held;

    public async Task<bool> HoldAsync(CancellationToken cancellationToken)
    {
        await _asking.WaitAsync(cancellationToken);
        try
        {
            try
            {
                _connection ??= await OpenAsync(cancellationToken);
                await using var ask = new NpgsqlCommand(
                    _held ? "SELECT true" : "SELECT pg_try_advisory_lock(hashtextextended(@key, 0))", _connection);
                ask.Parameters.AddWithValue("key", _key);
                ask.CommandTimeout = 10;
                _held = (bool)(await ask.ExecuteScalarAsync(cancellationToken))!;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The session is gone or unusable, and with it any lock it held: start over with a new one next time.
                _held = false;
                await DropAsync();
                throw;
            }
            return _held;
        }
        finally
        {
            _asking.Release();
        }
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(db.ConnectionString)
        {
            Pooling = false,
            Options = "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3",
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task DropAsync()
    {
        if (_connection is { } c)
        {
            _connection = null;
            try { await c.DisposeAsync(); } catch (Exception) { /* already broken */ }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _held = false;
        await DropAsync();
        _asking.Dispose();
    }
}
