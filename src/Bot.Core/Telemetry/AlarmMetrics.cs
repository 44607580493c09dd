using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Bot.Core.Alarms;

namespace Bot.Core.Telemetry;

/// <summary>How the relay is doing: alarms taken, cards posted, retried and failed per platform, how long an alarm took
/// from its source to its channel, the sources' polls, and what each channel still has waiting.</summary>
public sealed class AlarmMetrics
{
    /// <summary>The per-channel gauge of cards still to post or edit: the one instrument tagged by channel.</summary>
    public const string QueuedName = "bot.deliveries.queued";

    private readonly Counter<long> _taken;
    private readonly Counter<long> _posted;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _delay;
    private readonly Histogram<double> _pollDuration;
    private readonly Counter<long> _pollErrors;
    private readonly ConcurrentDictionary<string, int> _queued = new(StringComparer.Ordinal);

    public AlarmMetrics(IMeterFactory? meterFactory = null)
    {
        var meter = meterFactory?.Create(BotTelemetry.Name) ?? new Meter(BotTelemetry.Name);
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = BotTelemetry.SecondsBuckets };
        _taken = meter.CreateCounter<long>("bot.alarms.taken", "{alarm}", "Alarms stored from a source, by source and category");
        _posted = meter.CreateCounter<long>("bot.deliveries.posted", "{card}", "Alarm cards posted into channels, by platform");
        _retried = meter.CreateCounter<long>("bot.deliveries.retried", "{attempt}", "Alarm card posts or edits put off for a retry, by platform");
        _failed = meter.CreateCounter<long>("bot.deliveries.failed", "{card}", "Alarm cards given up on, by platform");
        _delay = meter.CreateHistogram("bot.alarm.delivery.delay", "s", "From the source's timestamp of an alarm to its card posted, by platform", advice: seconds);
        _pollDuration = meter.CreateHistogram("bot.poll.duration", "s", "One poll of an alarm source, by source", advice: seconds);
        _pollErrors = meter.CreateCounter<long>("bot.poll.errors", "{poll}", "Failed polls of an alarm source, by source");
        meter.CreateObservableGauge(QueuedName,
            () => _queued.Select(q => new Measurement<int>(q.Value, new KeyValuePair<string, object?>("channel", q.Key))),
            "{card}", "Alarm cards still to post or edit, by channel");
    }

    /// <summary>
    /// Counts what a batch stored. A batch is usually of one source and category (a source that keeps a cursor per category hands in each on its own);
    /// the store reports only how many were new, so a batch of several categories that also held known alarms counts as <c>mixed</c>.
    /// </summary>
    public void Taken(IReadOnlyList<NewAlarm> batch, IntakeResult result)
    {
        if (result.Stored == 0) return;
        var groups = batch.GroupBy(a => (a.Message.Source, a.Message.Category)).ToList();
        if (groups.Count == 1 || result.AlreadyKnown == 0)
        {
            foreach (var group in groups)
                Add(group.Key.Source, group.Key.Category.ToString().ToLowerInvariant(), groups.Count == 1 ? result.Stored : group.Count());
            return;
        }
        Add(batch[0].Message.Source, "mixed", result.Stored);

        void Add(string source, string category, int count) =>
            _taken.Add(count, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("category", category));
    }

    public void Posted(string platform, TimeSpan sinceRaised)
    {
        _posted.Add(1, new KeyValuePair<string, object?>("platform", platform));
        _delay.Record(Math.Max(0, sinceRaised.TotalSeconds), new KeyValuePair<string, object?>("platform", platform));
    }

    public void Retried(string platform) => _retried.Add(1, new KeyValuePair<string, object?>("platform", platform));

    public void Failed(string platform) => _failed.Add(1, new KeyValuePair<string, object?>("platform", platform));

    public void Polled(string source, TimeSpan took, bool failed)
    {
        _pollDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("source", source));
        if (failed) _pollErrors.Add(1, new KeyValuePair<string, object?>("source", source));
    }

    /// <summary>The cards waiting per channel as last counted; a channel counted before and now missing shows 0.</summary>
    public void Queued(IReadOnlyDictionary<string, int> byChannel)
    {
        foreach (var channel in _queued.Keys)
            if (!byChannel.ContainsKey(channel)) _queued[channel] = 0;
        foreach (var (channel, count) in byChannel) _queued[channel] = count;
    }
}
