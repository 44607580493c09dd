namespace Bot.Core.Alarms;

/// <summary>What the poller did last, for the admin API; cycles can be awaited (a restart or a test waits for the next one).</summary>
public sealed class PollerStatus
{
    private readonly Lock _gate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _waiters = [];

    public long Cycles { get; private set; }
    public DateTimeOffset? LastCycleAt { get; private set; }
    public string? LastError { get; private set; }
    public int ConsecutiveFailures { get; private set; }

    public void Completed(DateTimeOffset at, string? error)
    {
        List<TaskCompletionSource> done;
        lock (_gate)
        {
            Cycles++;
            LastCycleAt = at;
            LastError = error;
            ConsecutiveFailures = error is null ? 0 : ConsecutiveFailures + 1;
            done = _waiters.Where(w => w.Target <= Cycles).Select(w => w.Done).ToList();
            _waiters.RemoveAll(w => w.Target <= Cycles);
        }
        foreach (var d in done) d.TrySetResult();
    }

    /// <summary>Completes once at least <paramref name="cycles"/> cycles have completed.</summary>
    public Task WhenCyclesAsync(long cycles)
    {
        lock (_gate)
        {
            if (Cycles >= cycles) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((cycles, done));
            return done.Task;
        }
    }
}
