using Bot.Core.Calls;

namespace Bot.Host.Startup;

/// <summary>
/// Settles calls left Confirmed for longer than <see cref="CallService.InterruptedAfter"/>: a replica died while
/// sending them. (Unconfirmed calls need no sweeping: they live in their cards until clicked, and a click after the
/// window answers "expired".)
/// </summary>
public sealed partial class InterruptedCallSweeper(CallService calls, TimeProvider time, ILogger<InterruptedCallSweeper> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var interrupted = await calls.RecoverInterruptedAsync(time.GetUtcNow() - CallService.InterruptedAfter, stoppingToken);
                if (interrupted > 0) LogInterrupted(log, interrupted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} call(s) confirmed long ago never got an outcome (their process stopped) and are marked failed (not re-sent)")]
    private static partial void LogInterrupted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling interrupted calls failed; will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
