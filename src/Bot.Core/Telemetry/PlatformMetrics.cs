using System.Diagnostics.Metrics;

namespace Bot.Core.Telemetry;

/// <summary>The chat platforms' refusals for rate (HTTP 429) and the Retry-After waits they asked for, by platform.</summary>
public sealed class PlatformMetrics
{
    private readonly Counter<long> _throttled;
    private readonly Histogram<double> _retryAfter;

    public PlatformMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(BotTelemetry.Name) ?? new Meter(BotTelemetry.Name);
        _throttled = meter.CreateCounter<long>("bot.platform.throttled", "{response}", "HTTP 429 answers from a chat platform, by platform");
        _retryAfter = meter.CreateHistogram("bot.platform.retry_after", "s", "The waits a platform's 429 asked for (Retry-After), by platform",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = BotTelemetry.SecondsBuckets });
    }

    public void Throttled(string platform, TimeSpan? retryAfter)
    {
        _throttled.Add(1, new KeyValuePair<string, object?>("platform", platform));
        if (retryAfter is { } wait) _retryAfter.Record(wait.TotalSeconds, new KeyValuePair<string, object?>("platform", platform));
    }
}
