using Bot.Core.Alarms;
using Bot.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace Bot.Host.Telemetry;

/// <summary>
/// Counts the alarm cards each channel still has to post or edit, every <c>Telemetry:QueueSampleInterval</c>, for the
/// <c>bot.deliveries.queued</c> gauge (a scrape must not wait on storage).
/// </summary>
public sealed partial class DeliveryQueueSampler(
    IAlarmOutbox outbox,
    AlarmMetrics metrics,
    IOptions<TelemetryOptions> options,
    TimeProvider time,
    ILogger<DeliveryQueueSampler> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.QueueSampleInterval, time);
        do
        {
            try
            {
                // Everything still to do, due now or waiting for its retry.
                var counts = await outbox.QueuedAsync(stoppingToken);
                metrics.Queued(counts);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                LogSampleFailed(log, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting the alarm cards waiting per channel failed; trying again at the next interval")]
    private static partial void LogSampleFailed(ILogger logger, Exception exception);
}
