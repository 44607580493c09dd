using Bot.Core.Alarms;
using Bot.Core.Channels;

namespace Bot.Host.Alarms;

/// <summary>
/// Runs the <see cref="AlarmDispatcher"/> whenever there is work: woken by new alarms and
/// acknowledgements, by a channel's lane finishing, and by the clock when a retry falls due. Works from
/// the stored outbox, so it resumes after a restart. Idle (and off) when no chat surface is configured.
/// </summary>
public sealed partial class AlarmDispatchService(
    AlarmDispatcher dispatcher,
    IAlarmOutbox store,
    ChatSurfaces surfaces,
    AlarmSignal signal,
    TimeProvider time,
    ILogger<AlarmDispatchService> log) : BackgroundService
{
    /// <summary>Look again at least this often even when nothing woke the dispatcher.</summary>
    public static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (surfaces.Platforms.Count == 0)
        {
            LogNoSurface(log);
            return;
        }
        await Task.Yield();
        try
        {
            await DispatchAsync(stoppingToken);
        }
        finally
        {
            await dispatcher.DrainAsync();
        }
    }

    private async Task DispatchAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.Next;
            var laneEnded = dispatcher.LaneEnded;
            try
            {
                var running = await dispatcher.StartLanesAsync(stoppingToken);
                var next = await store.NextDueAsync(stoppingToken);
                var wait = next is { } at ? at - time.GetUtcNow() : IdleCheck;
                // Due now but its channel's lane is busy: that lane's end is the signal to look again.
                if (wait <= TimeSpan.Zero) wait = running > 0 ? IdleCheck : TimeSpan.FromSeconds(1);
                if (wait > IdleCheck) wait = IdleCheck;
                using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(wake, laneEnded, Task.Delay(wait, time, sleeping.Token));
                await sleeping.CancelAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(log, e);
                try { await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No chat surface is configured: alarm cards stay in the outbox until one is")]
    private static partial void LogNoSurface(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dispatching alarm cards failed; trying again shortly")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
