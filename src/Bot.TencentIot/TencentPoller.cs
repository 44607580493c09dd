// Spec: docs/protocols/tencent-iot.md §4 (paging) and §6 (what a poller has to get right).
using Bot.Core.Alarms;

namespace Bot.TencentIot;

/// <summary>
/// One poll of one category: reads the list newest first and pages back until it meets the stored cursor
/// (or the list is over), handing each page to the <see cref="AlarmIntake"/> as soon as it is read (oldest
/// first within the page) together with the cursor that covers it (one transaction), so cards go out while
/// older pages are still being read. The list pages only backwards, so after a newer page is stored the
/// older messages still unread are a <see cref="TencentGap"/> kept in the cursor: a poll that stops half
/// way (a crash, a fault, <see cref="MaxPages"/>) leaves it, and the next poll reads it first. With
/// nothing new this is exactly one read and no write. Each category keeps its own cursor, under
/// <see cref="CursorName"/>.
/// </summary>
public sealed class TencentPoller(ITencentMessageList list, AlarmIntake intake)
{
    /// <summary>Tencent's maximum page size.</summary>
    public const int PageSize = 100;

    /// <summary>Pages read per poll at most (100,000 messages); the rest stays a gap for the next poll.</summary>
    public const int MaxPages = 1000;

    /// <summary>The name a category's cursor is stored under: <c>tencent/1</c>.</summary>
    public static string CursorName(int category) => $"{TencentMessage.Source}/{category}";

    public async Task<IntakeResult> PollAsync(int category, CancellationToken cancellationToken)
    {
        var read = new TencentReading(category, TencentCursor.Parse(await intake.CursorAsync(CursorName(category), cancellationToken)));
        // An unread stretch left by an earlier poll is older than anything above it: it comes first.
        if (read.Cursor.Gap is { } gap)
        {
            await ReadBackAsync(read, gap.Ceiling, gap.Floor, cancellationToken);
            if (read.Cursor.Gap is not null) return read.Result;
        }
        await ReadBackAsync(read, null, read.Cursor.Newest, cancellationToken);
        return read.Result;
    }

    /// <summary>
    /// Pages back from <paramref name="ceiling"/> (null: the newest message) to <paramref name="floor"/> (null: the
    /// list's start), storing each page with a cursor whose gap is what lies below the page, until none is left.
    /// </summary>
    private async Task ReadBackAsync(TencentReading read, TencentPosition? ceiling, TencentPosition? floor, CancellationToken cancellationToken)
    {
        var before = ceiling;
        while (read.Pages < MaxPages)
        {
            var page = await list.ReadAsync(read.Category, before, PageSize, cancellationToken);
            read.Pages++;
            var fresh = new List<TencentMessage>(page.Messages.Count);
            var reachedFloor = false;
            foreach (var message in page.Messages)
            {
                if (floor is { } f && message.Position <= f) { reachedFloor = true; continue; }
                if (before is { } b && message.Position >= b) continue; // overlapping page
                if (read.Seen.Add(message.MsgId)) fresh.Add(message);
            }
            var oldest = page.Messages.Count == 0 ? (TencentPosition?)null : page.Messages.Min(m => m.Position);
            var over = reachedFloor || page.ListOver || oldest is null;
            // A server that gives the same page again would keep the gap open for ever: it is given up, as the
            // list's end would be.
            var stalled = !over && before is { } previous && oldest >= previous;

            var newest = read.Cursor.Newest;
            if (ceiling is null && fresh.Count > 0 && (newest is null || fresh.Max(m => m.Position) > newest)) newest = fresh.Max(m => m.Position);
            var cursor = new TencentCursor(newest, over || stalled ? null : new TencentGap(floor, oldest!.Value));
            if (fresh.Count > 0 || cursor != read.Cursor)
            {
                fresh.Sort((a, b) => a.Position.CompareTo(b.Position));
                var taken = await intake.TakeAsync(CursorName(read.Category), fresh.Select(m => m.ToIncoming()).ToList(), cursor.ToText(), cancellationToken);
                read.Result = new IntakeResult(read.Result.Stored + taken.Stored, read.Result.AlreadyKnown + taken.AlreadyKnown);
                read.Cursor = cursor;
            }
            if (over || stalled) return;
            before = oldest;
        }
    }
}
