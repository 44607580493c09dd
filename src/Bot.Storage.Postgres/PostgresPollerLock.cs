using Bot.Core.Alarms;
using Medallion.Threading.Postgres;

namespace Bot.Storage.Postgres;

/// <summary>
/// The poller's turn as a PostgreSQL session advisory lock on a connection of its own. The server releases it the moment
/// that connection ends, so when the polling replica dies (even by SIGKILL) another takes it at its next ask, within one
/// poll interval, and reads on from the stored cursor. A lock whose connection was lost counts as not held.
/// </summary>
public sealed class PostgresPollerLock(PostgresDatabase db) : IPollerLock, IAsyncDisposable
{
    private readonly PostgresDistributedLock _lock = new(
        // Advisory locks belong to the whole database: the schema is part of the key, so bots in two schemas poll apart.
        new PostgresAdvisoryLockKey($"bot-poller:{db.SearchPath}", allowHashing: true),
        db.ConnectionString,
        o => o.UseMultiplexing(false).KeepaliveCadence(TimeSpan.FromSeconds(10)));
    private readonly SemaphoreSlim _asking = new(1, 1);
    private PostgresDistributedLockHandle? _handle;

    public bool Held => _handle is { } h && !h.HandleLostToken.IsCancellationRequested;

    public async Task<bool> HoldAsync(CancellationToken cancellationToken)
    {
        await _asking.WaitAsync(cancellationToken);
        try
        {
            if (Held) return true;
            if (_handle is { } lost)
            {
                _handle = null;
                try { await lost.DisposeAsync(); } catch (Exception) { /* the connection is gone already */ }
            }
            _handle = await _lock.TryAcquireAsync(TimeSpan.Zero, cancellationToken);
            return _handle is not null;
        }
        finally
        {
            _asking.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_handle is { } h) await h.DisposeAsync();
        _asking.Dispose();
    }
}
