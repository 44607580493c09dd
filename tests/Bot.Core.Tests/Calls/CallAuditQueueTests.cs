using Bot.Core.Calls;
using Bot.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Calls;

/// <summary>
/// The audit lines behind the answers: written at once when few wait, gathered for a moment under load so that one
/// commit carries many, and never held back from a flush.
/// </summary>
public sealed class CallAuditQueueTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly AuditWrites _store = new();
    private CallAuditQueue _queue = null!;

    public Task InitializeAsync()
    {
        _queue = new CallAuditQueue(_store, _time, NullLogger<CallAuditQueue>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _store.Open();
        await _queue.DisposeAsync();
    }

    [Fact]
    public async Task A_few_lines_are_written_at_once_without_the_clock_moving()
    {
        _store.Open();
        for (var i = 0; i < 3; i++) await _queue.AddAsync(Line(i), default);

        await PollAsync(() => _store.Lines == 3);
        Assert.False(_queue.Gathering);
        Assert.Equal(0, _queue.Waiting);
    }

    [Fact]
    public async Task Under_load_the_writer_gathers_and_writes_what_came_meanwhile_in_the_same_write()
    {
        await BusyAsync();
        Assert.Equal(1, _store.Writes);   // the first line only: the others wait for the gathering

        for (var i = 100; i < 105; i++) await _queue.AddAsync(Line(i), default);
        _time.Advance(CallAuditQueue.Gather);

        await PollAsync(() => _store.Writes == 2);
        Assert.Equal(CallAuditQueue.BusyAt + 5, _store.Batches[1].Count);
        Assert.Equal(0, _queue.Waiting);
    }

    [Fact]
    public async Task A_flush_ends_the_gathering_at_once()
    {
        await BusyAsync();

        await _queue.FlushedAsync(default).WaitAsync(Wait);

        Assert.Equal(1 + CallAuditQueue.BusyAt, _store.Lines);
        Assert.Equal(0, _queue.Waiting);
    }

    [Fact]
    public async Task Closing_ends_the_gathering_and_stores_what_waits()
    {
        await BusyAsync();

        await _queue.DisposeAsync().AsTask().WaitAsync(Wait);

        Assert.Equal(1 + CallAuditQueue.BusyAt, _store.Lines);
    }

    /// <summary>One line written and held in the store while <see cref="CallAuditQueue.BusyAt"/> more queue up; then the writer gathers.</summary>
    private async Task BusyAsync()
    {
        await _queue.AddAsync(Line(0), default);
        await PollAsync(() => _store.Entered == 1);
        for (var i = 1; i <= CallAuditQueue.BusyAt; i++) await _queue.AddAsync(Line(i), default);
        _store.Open();
        await PollAsync(() => _queue.Gathering);
    }

    private static CallAuditEntry Line(int n) =>
        new($"call-{n}", "aqm0523", "slack:C0OPS", "slack:T1:U1", "张三", new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero), CallEvents.Requested, null);

    private static async Task PollAsync(Func<bool> done)
    {
        var until = DateTime.UtcNow + Wait;
        while (!done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the audit queue never reached the state");
            await Task.Delay(5);
        }
    }

    /// <summary>Records each write of lines; holds every write until <see cref="Open"/>.</summary>
    private sealed class AuditWrites : ICallStore
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<IReadOnlyList<CallAuditEntry>> _batches = [];
        private int _entered;

        public int Entered => Volatile.Read(ref _entered);
        public IReadOnlyList<IReadOnlyList<CallAuditEntry>> Batches { get { lock (_batches) return [.. _batches]; } }
        public int Writes => Batches.Count;
        public int Lines => Batches.Sum(b => b.Count);

        public void Open() => _open.TrySetResult();

        public async Task AuditManyAsync(IReadOnlyList<CallAuditEntry> entries, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _entered);
            await _open.Task;
            lock (_batches) _batches.Add(entries);
        }

        public Task<CallTransition> TryAddAsync(Call call, CallAuditEntry audit, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<Call?> FindAsync(string callId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<CallTransition> TryTransitionAsync(string callId, IReadOnlyCollection<CallState> from, Func<Call, Call> next,
            Func<Call, CallAuditEntry>? audit = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<Call>> InStateAsync(CallState state, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task AuditAsync(CallAuditEntry entry, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task<IReadOnlyList<CallAuditEntry>> AuditLogAsync(int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
