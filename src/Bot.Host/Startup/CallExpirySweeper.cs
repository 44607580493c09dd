using Bot.Core.Calls;

namespace Bot.Host.Startup;

/// <summary>Marks unconfirmed calls as expired once their window has passed, so the audit shows it without anyone clicking.</summary>
public sealed partial class CallExpirySweeper(CallService calls, TimeProvider time, ILogger<CallExpirySweeper> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var expired = await calls.ExpireDueAsync(stoppingToken);
                if (expired.Count > 0) LogExpired(log, expired.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} pending call(s) expired")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiring pending calls failed; will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
