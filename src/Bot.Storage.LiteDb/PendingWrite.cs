namespace Bot.Storage.LiteDb;

internal sealed class PendingWrite<T>(Func<T> work) : IPendingWrite
{
    // Continuations must not run on the writer thread: it would hold up every other write.
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Task => _done.Task;
    public void Run() => _result = work();
    public void Complete() => _done.TrySetResult(_result);
    public void Fail(Exception error) => _done.TrySetException(error);
}
