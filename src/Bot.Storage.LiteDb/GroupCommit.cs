using System.Collections.Concurrent;
using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>
/// Every write of the process goes through one writer thread, which runs all writes waiting at that moment
/// in one LiteDB transaction and commits once. A commit costs a disk flush (milliseconds) while a write
/// inside a transaction costs microseconds, so under load this turns N flushes into one. Each caller still
/// learns of success only after its write is committed. Writes run one after another, so a read-check-write
/// inside one is atomic; and LiteDB binds a transaction to its thread, which here is always the same one.
/// </summary>
internal sealed class GroupCommit : IDisposable
{
    private const int MaxBatch = 512;

    private readonly LiteDatabase _database;
    private readonly BlockingCollection<IPendingWrite> _queue = new();
    private readonly Thread _writer;

    public GroupCommit(LiteDatabase database)
    {
        _database = database;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "LiteDB writer" };
        _writer.Start();
    }

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

            // One failing write must not fail the others: then each runs again on its own.
            if (!Commit(batch))
                foreach (var write in batch) Commit([write]);
        }
    }

    private bool Commit(IReadOnlyList<IPendingWrite> writes)
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
            if (writes.Count == 1) writes[0].Fail(e);
            return false;
        }
        foreach (var write in writes) write.Complete();
        return true;
    }

    /// <summary>Lets the queued writes finish, then stops the writer.</summary>
    public void Dispose()
    {
        if (_queue.IsAddingCompleted) return;
        _queue.CompleteAdding();
        _writer.Join();
    }

    private interface IPendingWrite
    {
        void Run();
        void Complete();
        void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<T> work) : IPendingWrite
    {
        // Continuations must not run on the writer thread: it would hold up every other write.
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;
        public void Run() => _result = work();
        public void Complete() => _done.TrySetResult(_result);
        public void Fail(Exception error) => _done.TrySetException(error);
    }
}
