using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Channels;

/// <summary>
/// "Answer now, finish later": work a chat surface goes on with after its platform has had its answer (a
/// few seconds, an invoke): card edits, follow-up messages, a slow call's outcome. Each piece runs on its own,
/// failures are logged, and a stopping host waits for what is under way (an invite's outcome must reach the card).
/// </summary>
public sealed partial class FollowUpWork(ILogger<FollowUpWork> log) : IHostedService
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    public void Start(string what, Func<CancellationToken, Task> work)
    {
        var task = Task.Run(async () =>
        {
            try { await work(_stopping.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { }
            catch (Exception e) { LogFailed(log, e, what); }
        });
        _running.TryAdd(task, 0);
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Completes when everything started so far has finished (tests and shutdown).</summary>
    public Task IdleAsync() => Task.WhenAll(_running.Keys);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try { await IdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        await _stopping.CancelAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Follow-up work '{What}' failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string what);
}
