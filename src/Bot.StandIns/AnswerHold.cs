namespace Bot.StandIns;

/// <summary>
/// Holds back the answer to one chosen request after the service has taken it in (recorded it, acted on it), so a
/// test can kill the client while the request is in flight: the work is done on the service's side and the client
/// never hears of it. The <c>nth</c> matching request (1 = the next one) is held; the others pass.
/// </summary>
public sealed class AnswerHold
{
    private readonly TaskCompletionSource<string> _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _before;

    public AnswerHold(int nth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nth, 1);
        _before = nth - 1;
    }

    /// <summary>
    /// Completes once the held request has been taken in, with what the stand-in says of it: for a message, its
    /// channel, a new line and the request body; for an invite, the device id.
    /// </summary>
    public Task<string> Reached => _reached.Task;

    /// <summary>Lets the held answer go (to a client that may be gone by then).</summary>
    public void Release() => _released.TrySetResult();

    /// <summary>What the stand-in awaits before answering a matching request: completed unless this is the held one.</summary>
    internal Task PassAsync(string what)
    {
        if (Interlocked.Decrement(ref _before) != -1) return Task.CompletedTask;
        _reached.TrySetResult(what);
        return _released.Task;
    }
}
