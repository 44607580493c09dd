using Microsoft.Extensions.Logging;

namespace Bot.Core.Alarms;

/// <summary>
/// Where every alarm source hands in what it read: routes each alarm to its channels and stores it
/// once, with its deliveries and the source's new cursor, in one transaction; then wakes the dispatcher.
/// A source keeps its own cursor format; the Core only stores it.
/// </summary>
public sealed partial class AlarmIntake(
    IAlarmIntakeStore store,
    AlarmRouter router,
    AlarmSignal signal,
    TimeProvider time,
    ILogger<AlarmIntake> log,
    ISilenceStore? silences = null,
    Telemetry.AlarmMetrics? metrics = null)
{
    /// <summary>The cursor <paramref name="source"/> handed in last (null: it never handed in anything).</summary>
    public Task<string?> CursorAsync(string source, CancellationToken cancellationToken) => store.CursorAsync(source, cancellationToken);

    /// <param name="source">The cursor's owner: a source, or one stream of a source that keeps a cursor per stream.</param>
    /// <param name="oldestFirst">What is new since the cursor; posted in this order.</param>
    /// <param name="cursor">Where the source stands after these alarms.</param>
    public async Task<IntakeResult> TakeAsync(string source, IReadOnlyList<IncomingAlarm> oldestFirst, string cursor, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.BotTelemetry.Source.StartActivity("alarm.take")?.SetTag("alarm.source", source).SetTag("alarm.count", oldestFirst.Count);
        var routed = new List<NewAlarm>(oldestFirst.Count);
        var now = time.GetUtcNow();
        foreach (var alarm in oldestFirst)
        {
            var route = await router.RouteAsync(alarm, cancellationToken);
            // A silenced device's alarm is kept and listed, but its cards are not posted.
            if (silences is not null && route.DeviceId is { } device && route.Channels.Count > 0 && await silences.ActiveAsync(device, now, cancellationToken) is not null)
                route = route with { Held = true };
            routed.Add(route);
        }
        var result = await store.TakeAsync(source, routed, cursor, now, cancellationToken);
        LogTaken(log, source, result.Stored, result.AlreadyKnown, routed.Count(r => r.Channels.Count == 0));
        metrics?.Taken(routed, result);
        if (result.Stored > 0) signal.Raise();
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source}: {Stored} new alarm(s) taken, {Known} already known, {Unroutable} without a channel")]
    private static partial void LogTaken(ILogger logger, string source, int stored, int known, int unroutable);
}
