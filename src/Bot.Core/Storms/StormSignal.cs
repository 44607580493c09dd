namespace Bot.Core.Storms;

/// <summary>Wakes the storm cards' presenter when an alarm folded (it also looks on its own every edit interval).</summary>
public sealed class StormSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();

    public Task Next { get { lock (_gate) return _next.Task; } }

    public void Raise()
    {
        lock (_gate)
        {
            _next.TrySetResult();
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
