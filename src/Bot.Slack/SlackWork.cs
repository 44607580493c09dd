using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Slack;

/// <summary>
/// Work that goes on after Slack has had its answer (the 3-second rule): each piece runs on its own,
/// failures are logged, and a stopping host waits for what is under way (an invite's outcome must reach the card).
/// </summary>
public sealed partial class SlackWork(ILogger<SlackWork> log) : IHostedService
{
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stopping = new();

    public void Run(string what, Func<CancellationToken, Task> work)
    {
        var task = Task.Run(async () =>
        {
            try { await work(_stopping.Token); }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested) { }
            catch (Exception e) { LogFailed(log, e, what); }
        });
        _running.TryAdd(task, 0);
        task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Completes when the work under way now has finished (as <c>TeamsFollowUps.IdleAsync</c>).</summary>
    public Task IdleAsync() => Task.WhenAll(_running.Keys);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try { await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { }
        await _stopping.CancelAsync();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack background work '{What}' failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string what);
}
