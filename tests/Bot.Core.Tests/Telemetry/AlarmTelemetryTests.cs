using System.Diagnostics;
using System.Diagnostics.Metrics;
using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Core.Telemetry;
using Bot.Core.Tests.Alarms;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Telemetry;

/// <summary>What the intake reports: alarms taken by source and category, and a trace of each batch.</summary>
public sealed class AlarmTelemetryTests : IDisposable
{
    private readonly OwnMeters _meters = new();
    private readonly List<(string Name, long Value, Dictionary<string, object?> Tags)> _measured = [];
    private readonly MeterListener _listener = new();
    private readonly RecordingAlarmStore _store = new();
    private readonly AlarmIntake _intake;

    public AlarmTelemetryTests()
    {
        var directory = new FakeDirectory();
        directory.Devices.Add(FakeDirectory.Lamp);
        directory.Mappings.Add(new ChannelDeviceMapping("slack:C-LAMP", "lamp01"));
        var router = new AlarmRouter(directory, directory, directory, Options.Create(new AlarmOptions()));
        _intake = new AlarmIntake(_store, router, new AlarmSignal(), new FakeTimeProvider(), NullLogger<AlarmIntake>.Instance, metrics: new AlarmMetrics(_meters));
        // Only this test's meter: other tests in parallel have meters of the same name.
        _listener.InstrumentPublished = (instrument, listener) => { if (_meters.Created.Contains(instrument.Meter)) listener.EnableMeasurementEvents(instrument); };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (_measured) _measured.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.Dispose();
    }

    [Fact]
    public async Task Alarms_taken_are_counted_by_source_and_category_once()
    {
        await _intake.TakeAsync("feed/1", [TestAlarms.Incoming(1), TestAlarms.Incoming(2)], "c2", default);
        await _intake.TakeAsync("feed/1", [TestAlarms.Incoming(2)], "c2b", default);   // already known: nothing new

        var taken = Assert.Single(_measured, m => m.Name == "bot.alarms.taken");
        Assert.Equal(2, taken.Value);
        Assert.Equal(TestAlarms.Incoming(1).Source, taken.Tags["source"]);
        Assert.Equal(TestAlarms.Incoming(1).Category.ToString().ToLowerInvariant(), taken.Tags["category"]);
    }

    [Fact]
    public async Task Each_batch_is_a_trace_with_its_source()
    {
        var started = new List<Activity>();
        using var traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BotTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (started) started.Add(activity); },
        };
        ActivitySource.AddActivityListener(traces);

        await _intake.TakeAsync("trace-feed/7", [TestAlarms.Incoming(70)], "c70", default);

        Activity[] mine;
        lock (started) mine = [.. started.Where(a => (a.GetTagItem("alarm.source") as string) == "trace-feed/7")];
        var take = Assert.Single(mine);
        Assert.Equal("alarm.take", take.OperationName);
        Assert.Equal(1, take.GetTagItem("alarm.count"));
    }

    private sealed class OwnMeters : IMeterFactory
    {
        public List<Meter> Created { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Created) meter.Dispose();
        }
    }
}
