// Spec: shared/specs/tencent-iot.md §4 (paging) and §6 (what a poller has to get right).
using Microsoft.Extensions.Logging;

namespace Bot.Core.Alarms;

/// <summary>
/// One poll of one category: reads the list newest first, pages back until it meets the stored
/// cursor (or the list is over), routes what is new and hands it to the store oldest first, together
/// with the new cursor, in one transaction. With nothing new this is exactly one read.
/// </summary>
public sealed partial class AlarmPoller(
    IAlarmSource source,
    IAlarmStore store,
    AlarmRouter router,
    AlarmSignal signal,
    TimeProvider time,
    ILogger<AlarmPoller> log)
{
    /// <summary>Tencent's maximum page size.</summary>
    public const int PageSize = 100;

    /// <summary>A guard against a list that never ends (a misbehaving server): 1000 pages = 100,000 messages per poll.</summary>
    public const int MaxPages = 1000;

    public async Task<IntakeResult> PollAsync(int category, CancellationToken cancellationToken)
    {
        var cursor = await store.CursorAsync(category, cancellationToken);
        var fresh = new List<AlarmMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        AlarmPosition? before = null;
        for (var pages = 0; pages < MaxPages; pages++)
        {
            var page = await source.ReadAsync(category, before, PageSize, cancellationToken);
            var reachedCursor = false;
            foreach (var message in page.Messages)
            {
                if (cursor is { } c && message.Position <= c) { reachedCursor = true; continue; }
                if (before is { } b && message.Position >= b) continue; // overlapping page
                if (seen.Add(message.MsgId)) fresh.Add(message);
            }
            if (reachedCursor || page.ListOver || page.Messages.Count == 0) break;
            var oldest = page.Messages.Select(m => m.Position).Min();
            if (before is { } previous && oldest >= previous) break; // no progress: stop rather than loop
            before = oldest;
        }
        if (fresh.Count == 0) return new IntakeResult(0, 0);

        fresh.Sort((a, b) => a.Position.CompareTo(b.Position));
        var routed = new List<NewAlarm>(fresh.Count);
        foreach (var message in fresh)
            routed.Add(await router.RouteAsync(message, cancellationToken));
        var result = await store.TakeAsync(category, routed, fresh[^1].Position, time.GetUtcNow(), cancellationToken);
        LogTaken(log, category, result.Stored, result.AlreadyKnown, routed.Count(r => r.Channels.Count == 0));
        if (result.Stored > 0) signal.Raise();
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tencent category {Category}: {Stored} new alarm(s) taken, {Known} already known, {Unroutable} without a channel")]
    private static partial void LogTaken(ILogger logger, int category, int stored, int known, int unroutable);
}
