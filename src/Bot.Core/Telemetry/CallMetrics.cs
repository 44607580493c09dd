using System.Diagnostics.Metrics;

namespace Bot.Core.Telemetry;

/// <summary>Calls by outcome and how long ISDP took to answer an invite.</summary>
public sealed class CallMetrics
{
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _isdp;

    public CallMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(BotTelemetry.Name) ?? new Meter(BotTelemetry.Name);
        _calls = meter.CreateCounter<long>("bot.calls", "{call}", "Confirmed calls by outcome (sent, refused, transport, not_configured)");
        _isdp = meter.CreateHistogram("bot.isdp.duration", "s", "From the invite sent to ISDP's answer, by outcome",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = BotTelemetry.SecondsBuckets });
    }

    public void Finished(string outcome, TimeSpan isdpTook)
    {
        _calls.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _isdp.Record(isdpTook.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }
}
