using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Storage;

/// <summary>
/// Once at start and then once a day, removes what is older than <see cref="RetentionOptions.RetentionDays"/>
/// through the store's <see cref="IStorageSweep"/>. A failed sweep is logged and tried again the next day.
/// </summary>
public sealed partial class RetentionSweeper(
    IStorageSweep store,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionSweeper> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The timer is made before the first sweep, so the day is counted from the start, not from the sweep's end.
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                var cutoff = time.GetUtcNow() - options.Value.Retention;
                var removed = await store.SweepAsync(cutoff, stoppingToken);
                if (removed.Total > 0) LogSwept(log, removed.Alarms, removed.Deliveries, removed.Calls, removed.AuditLines, removed.Escalations, removed.Storms, cutoff);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Alarms} alarm(s), {Deliveries} delivery(ies), {Calls} call(s), {AuditLines} audit line(s), {Escalations} escalation(s) and {Storms} storm(s) older than {Cutoff}")]
    private static partial void LogSwept(ILogger logger, int alarms, int deliveries, int calls, int auditLines, int escalations, int storms, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing old stored history failed; will try again tomorrow")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
