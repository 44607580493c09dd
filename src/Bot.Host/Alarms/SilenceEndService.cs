using Bot.Core.Alarms;

namespace Bot.Host.Alarms;

/// <summary>
/// Ends device silences on the clock: when a silence's time is up, its channels are told how many alarms came
/// meanwhile (<see cref="DeviceSilences.AnnounceEndedAsync"/>). Silences ended early are announced by whoever ended
/// them; a silence that ended while the bot was down is announced at the next start.
/// </summary>
public sealed partial class SilenceEndService(
    DeviceSilences silences,
    ISilenceStore store,
    TimeProvider time,
    ILogger<SilenceEndService> log) : BackgroundService
{
    /// <summary>Look again at least this often (a silence set meanwhile may end sooner than the one waited for).</summary>
    public static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = IdleCheck;
            try
            {
                await silences.AnnounceEndedAsync(stoppingToken);
                var now = time.GetUtcNow();
                if (await store.NextEndAsync(now, stoppingToken) is { } next && next - now < wait) wait = next - now;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e);
            }
            try { await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Ending device silences failed; will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
