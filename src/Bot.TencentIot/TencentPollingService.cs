using Bot.Core.Alarms;
using Bot.Core.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.TencentIot;

/// <summary>
/// Polls each configured category every <c>Tencent:PollInterval</c>. A failed poll (expired token,
/// 5xx, timeout, malformed answer, InternalError) is logged, reported to <c>/readyz</c> and retried with
/// exponential backoff; nothing but shutdown stops the loop.
/// </summary>
public sealed partial class TencentPollingService(
    TencentPoller poller,
    IOptions<TencentOptions> options,
    IntegrationOutcomes health,
    PollerStatus status,
    TimeProvider time,
    ILogger<TencentPollingService> log,
    Bot.Core.Telemetry.AlarmMetrics? metrics = null) : BackgroundService
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var categories = options.Value.PolledCategories;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            string? error = null;
            var taken = 0;
            foreach (var category in categories)
            {
                var started = time.GetTimestamp();
                try
                {
                    taken += (await poller.PollAsync(category, stoppingToken)).Stored;
                    metrics?.Polled(TencentMessage.Source, time.GetElapsedTime(started), failed: false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // One category's fault does not keep the others from being read.
                    error = $"category {category}: {Describe(e)}";
                    metrics?.Polled(TencentMessage.Source, time.GetElapsedTime(started), failed: true);
                    LogPollFailed(log, category, Describe(e), (e as TencentException)?.RequestId ?? "");
                }
            }
            if (error is null)
            {
                failures = 0;
                health.Succeeded(TencentHealth.Name, $"polled categories {string.Join(", ", categories)}; {taken} new");
            }
            else
            {
                failures++;
                health.Failed(TencentHealth.Name, error);
            }
            // The wait starts before the cycle is reported, so whoever awaits the report (the admin
            // API, a test moving a fake clock) already sees the next poll scheduled.
            var wait = error is null ? options.Value.PollInterval : Backoff(failures, options.Value.PollInterval);
            var next = Task.Delay(wait, time, stoppingToken);
            status.Completed(time.GetUtcNow(), error);
            try { await next; }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>2 s, 4 s, 8 s … up to 5 minutes (or up to the poll interval, when that is longer).</summary>
    public static TimeSpan Backoff(int failures, TimeSpan interval)
    {
        return new Bot.Core.Backoff(FirstBackoff, MaxBackoff > interval ? MaxBackoff : interval).After(failures);
    }

    private static string Describe(Exception e) => e switch
    {
        TencentException t => t.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling Tencent category {Category} failed: {Problem} (RequestId={RequestId}); retrying with backoff")]
    private static partial void LogPollFailed(ILogger logger, int category, string problem, string requestId);
}
