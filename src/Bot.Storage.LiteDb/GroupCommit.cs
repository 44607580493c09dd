using System.Collections.Concurrent;
using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>
/// Every write of the process goes through one writer thread, which runs all writes waiting at that moment
/// in one LiteDB transaction, commits once and syncs the log to stable storage once. A durable commit costs a
/// disk flush (milliseconds) while a write inside a transaction costs microseconds, so under load this turns
/// N flushes into one. Each caller learns of success only after its write is committed and synced. Writes run
/// one after another, so a read-check-write inside one is atomic; and LiteDB binds a transaction to its
/// thread, which here is always the same one.
/// </summary>
internal sealed class GroupCommit : IDisposable
{
    private const int MaxBatch = 512;

    private readonly LiteDatabase _database;
    private readonly Action _sync;
    private readonly BlockingCollection<IPendingWrite> _queue = new();
    private readonly Thread _writer;
    private volatile string? _fault;

    /// <param name="sync">Makes what LiteDB wrote for the last commit durable (fsync of the log); LiteDB 5.0.21 writes the log synchronously inside <c>Commit</c>.</param>
    public GroupCommit(LiteDatabase database, Action sync)
    {
        _database = database;
        _sync = sync;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "LiteDB writer" };
        _writer.Start();
    }

    /// <summary>Why writes are refused (a commit could not be synced: what is on disk is unknown), or null.</summary>
    public string? Fault => _fault;

    public Task<T> WriteAsync<T>(Func<T> work)
    {
        var write = new PendingWrite<T>(work);
        try { _queue.Add(write); }
        catch (InvalidOperationException) { throw new ObjectDisposedException(nameof(BotDatabase), "The database is closed."); }
        return write.Task;
    }

    private void WriteLoop()
    {
        var batch = new List<IPendingWrite>(MaxBatch);
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Clear();
            batch.Add(first);
            while (batch.Count < MaxBatch && _queue.TryTake(out var next)) batch.Add(next);

            if (_fault is { } fault)
            {
                foreach (var write in batch) write.Fail(new IOException(fault));
                continue;
            }
            // One failing write must not fail the others: then each runs again on its own, and a write that
            // fails alone is failed once, never run again after its caller was told.
            if (Commit(batch) is { } error)
            {
                if (batch.Count == 1) batch[0].Fail(error);
                else
                    foreach (var write in batch)
                    {
                        if (_fault is { } lost) write.Fail(new IOException(lost));
                        else if (Commit([write]) is { } own) write.Fail(own);
                    }
            }
        }
    }

    /// <summary>Runs and commits <paramref name="writes"/> together; null when committed and synced, else why not (all rolled back).</summary>
    private Exception? Commit(IReadOnlyList<IPendingWrite> writes)
    {
        _database.BeginTrans();
        try
        {
            foreach (var write in writes) write.Run();
            _database.Commit();
        }
        catch (Exception e)
        {
            try { _database.Rollback(); }
            catch (LiteException) { /* the transaction is gone already */ }
            return e;
        }
        try
        {
            _sync();
        }
        catch (Exception e)
        {
            // Committed in LiteDB but not known to be on disk: tell the callers the truth (failed, outcome unknown)
            // and take no further writes, since later commits would build on pages that may not survive.
            _fault = $"Storage could not make a commit durable: {e.Message}";
            foreach (var write in writes) write.Fail(new IOException(_fault, e));
            return null;
        }
        foreach (var write in writes) write.Complete();
        return null;
    }

    /// <summary>Lets the queued writes finish, then stops the writer.</summary>
    public void Dispose()
    {
        if (_queue.IsAddingCompleted) return;
        _queue.CompleteAdding();
        _writer.Join();
    }
}
