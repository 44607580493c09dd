namespace Bot.Core.Alarms;

/// <summary>
/// Wakes the dispatcher when there is new work (alarms taken, an acknowledgement to show), so it does
/// not wait out its idle period. Take <see cref="Next"/> before looking for work, then await it:
/// a raise in between is not missed.
/// </summary>
public sealed class AlarmSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Raise() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
