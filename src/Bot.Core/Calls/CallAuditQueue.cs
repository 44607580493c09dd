using System.Threading.Channels;
using Bot.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Calls;

/// <summary>
/// The audit lines of requests (asked, refused) stored behind the answers, many per write: one writer drains the
/// queue and hands the store everything waiting (up to <see cref="MaxBatch"/> lines) as one write. Under load (a drain
/// finds at least <see cref="BusyAt"/> lines) it first gathers for <see cref="Gather"/> more, so a commit and its disk
/// sync carry a few hundred lines, not a few dozen: each sync costs the same whatever it carries. A flush asked for
/// ends the gathering at once. Bounded: past <see cref="Capacity"/> lines waiting, an answer waits for room.
/// A crash loses the lines still waiting here or in the store's commit on its way: the requests of the last moment,
/// under load the last <see cref="Gather"/> and a commit more (never a click's line: confirm, cancel and their
/// outcomes are written with the call itself, after <see cref="FlushedAsync"/>, so a stored click always has its
/// request's line before it).
/// </summary>
public sealed partial class CallAuditQueue : IAsyncDisposable, IDisposable
{
    public const int Capacity = 8192;
    public const int MaxBatch = 1024;
    /// <summary>Lines found in one drain that mean the bot is busy: then the writer gathers before it writes.</summary>
    public const int BusyAt = 16;
    /// <summary>How long a busy writer gathers lines before it writes them (bench/RESULTS.md, the command path's disk syncs).</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(10);

    private readonly ICallStore _calls;
    private readonly TimeProvider _time;
    private readonly ILogger<CallAuditQueue> _log;
    // Completed when a flush is asked for, so that gathering stops at once; replaced after each gathering.
    private TaskCompletionSource _flushAsked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Audit lines, and now and then a flush marker (a TaskCompletionSource completed once the lines before it are stored).
    private readonly Channel<object> _lines = Channel.CreateBounded<object>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task _writer;
    private long _waiting;
    private bool _gathering;

    public CallAuditQueue(ICallStore calls, TimeProvider time, ILogger<CallAuditQueue> log)
    {
        _calls = calls;
        _time = time;
        _log = log;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Lines handed over and not yet stored (for tests and the bench).</summary>
    public long Waiting => Interlocked.Read(ref _waiting);

    /// <summary>Whether the writer is gathering lines before it writes (for tests).</summary>
    public bool Gathering => Volatile.Read(ref _gathering);

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
        Volatile.Read(ref _flushAsked).TrySetResult();
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
            Drain(batch, flushes);
            if (flushes.Count == 0 && batch.Count >= BusyAt && batch.Count < MaxBatch)
            {
                await GatherAsync();
                Drain(batch, flushes);
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

    private void Drain(List<CallAuditEntry> batch, List<TaskCompletionSource> flushes)
    {
        while (batch.Count < MaxBatch && _lines.Reader.TryRead(out var item))
        {
            if (item is CallAuditEntry line) batch.Add(line);
            else flushes.Add((TaskCompletionSource)item);
        }
    }

    /// <summary>Waits <see cref="Gather"/>, or less when a flush is asked for meanwhile (or the queue closes).</summary>
    private async Task GatherAsync()
    {
        var asked = Volatile.Read(ref _flushAsked);
        Volatile.Write(ref _gathering, true);
        await Task.WhenAny(asked.Task, Task.Delay(Gather, _time)).ConfigureAwait(false);
        Volatile.Write(ref _gathering, false);
        if (asked.Task.IsCompleted)
            Volatile.Write(ref _flushAsked, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>At shutdown: what was queued is stored before the store closes.</summary>
    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        Volatile.Read(ref _flushAsked).TrySetResult();
        await _writer;
    }

    public void Dispose()
    {
        _lines.Writer.TryComplete();
        Volatile.Read(ref _flushAsked).TrySetResult();
        _writer.Wait(TimeSpan.FromSeconds(30));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {Count} call audit line(s) failed: they are lost")]
    private static partial void LogLost(ILogger logger, Exception exception, int count);
}
