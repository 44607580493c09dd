// Spec: docs/protocols/tencent-iot.md §4 (paging) and §6 (what a poller has to get right).
using Bot.Core.Alarms;

namespace Bot.TencentIot;

/// <summary>
/// One poll of one category: reads the list newest first, pages back until it meets the stored
/// cursor (or the list is over), and hands what is new to the <see cref="AlarmIntake"/> oldest first,
/// together with the new cursor (one transaction). With nothing new this is exactly one read.
/// Each category keeps its own cursor, under <see cref="CursorName"/>.
/// </summary>
public sealed class TencentPoller(ITencentMessageList list, AlarmIntake intake)
{
    /// <summary>Tencent's maximum page size.</summary>
    public const int PageSize = 100;

    /// <summary>A guard against a list that never ends (a misbehaving server): 1000 pages = 100,000 messages per poll.</summary>
    public const int MaxPages = 1000;

    /// <summary>The name a category's cursor is stored under: <c>tencent/1</c>.</summary>
    public static string CursorName(int category) => $"{TencentMessage.Source}/{category}";

    public async Task<IntakeResult> PollAsync(int category, CancellationToken cancellationToken)
    {
        var cursor = TencentPosition.FromCursor(await intake.CursorAsync(CursorName(category), cancellationToken));
        var fresh = new List<TencentMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        TencentPosition? before = null;
        for (var pages = 0; pages < MaxPages; pages++)
        {
            var page = await list.ReadAsync(category, before, PageSize, cancellationToken);
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
        return await intake.TakeAsync(CursorName(category), fresh.Select(m => m.ToIncoming()).ToList(), fresh[^1].Position.ToCursor(), cancellationToken);
    }
}
