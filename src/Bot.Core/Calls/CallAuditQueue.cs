using System.Threading.Channels;
using Bot.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Calls;

/// <summary>
/// The audit lines of requests (asked, refused) stored behind the answers, many per write: one writer drains the
/// queue and hands the store everything waiting (up to <see cref="MaxBatch"/> lines) as one write, so under load a
/// commit carries hundreds of lines. Bounded: past <see cref="Capacity"/> lines waiting, an answer waits for room.
/// A crash loses the lines still waiting here or in the store's commit on its way: the requests of the last moment
/// (never a click's line: confirm, cancel and their outcomes are written with the call itself, after
/// <see cref="FlushedAsync"/>, so a stored click always has its request's line before it).
/// </summary>
public sealed partial class CallAuditQueue : IAsyncDisposable, IDisposable
{
    public const int Capacity = 8192;
    public const int MaxBatch = 1024;

    private readonly ICallStore _calls;
    private readonly ILogger<CallAuditQueue> _log;
    // Audit lines, and now and then a flush marker (a TaskCompletionSource completed once the lines before it are stored).
    private readonly Channel<object> _lines = Channel.CreateBounded<object>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task _writer;
    private long _waiting;

    public CallAuditQueue(ICallStore calls, ILogger<CallAuditQueue> log)
    {
        _calls = calls;
        _log = log;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Lines handed over and not yet stored (for tests and the bench).</summary>
    public long Waiting => Interlocked.Read(ref _waiting);

    /// <summary>Queues a line; waits only when the queue is full.</summary>
    public ValueTask AddAsync(CallAuditEntry entry, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        if (_lines.Writer.TryWrite(entry)) return ValueTask.CompletedTask;
        return SlowAddAsync(entry, cancellationToken);
    }

    /// <summary>Completes once every line queued before this call is stored (or failed to be).</summary>
    public async Task FlushedAsync(CancellationToken cancellationToken)
    {
        if (Waiting == 0) return;
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _lines.Writer.WriteAsync(flushed, cancellationToken);
        await flushed.Task.WaitAsync(cancellationToken);
    }

    private async ValueTask SlowAddAsync(CallAuditEntry entry, CancellationToken cancellationToken)
    {
        try { await _lines.Writer.WriteAsync(entry, cancellationToken); }
        catch
        {
            Interlocked.Decrement(ref _waiting);
            throw;
        }
    }

    private async Task WriteAsync()
    {
        var batch = new List<CallAuditEntry>(MaxBatch);
        var flushes = new List<TaskCompletionSource>();
        while (await _lines.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _lines.Reader.TryRead(out var item))
            {
                if (item is CallAuditEntry line) batch.Add(line);
                else flushes.Add((TaskCompletionSource)item);
            }
            if (batch.Count > 0)
            {
                try { await _calls.AuditManyAsync(batch.ToArray(), CancellationToken.None); }
                catch (Exception e) { LogLost(_log, e, batch.Count); }
                Interlocked.Add(ref _waiting, -batch.Count);
            }
            foreach (var flushed in flushes) flushed.TrySetResult();
            batch.Clear();
            flushes.Clear();
        }
    }

    /// <summary>At shutdown: what was queued is stored before the store closes.</summary>
    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _writer;
    }

    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(30));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {Count} call audit line(s) failed: they are lost")]
    private static partial void LogLost(ILogger logger, Exception exception, int count);
}
