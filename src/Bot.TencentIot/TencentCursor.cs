// Spec: docs/protocols/tencent-iot.md §4 (paging by MsgID + MsgTimestamp) and §6 (never lost, never twice).
namespace Bot.TencentIot;

/// <summary>
/// Where one category's reading stands: everything up to <see cref="Newest"/> is taken, except the
/// <see cref="Gap"/>, when there is one. Stored by the Core as opaque text in the same transaction as the
/// messages it covers: <c>timestamp:msgId</c> without a gap (the format cursors had before gaps existed),
/// <c>timestamp:msgId|floor|ceiling</c> with one (an empty floor: down to the list's start).
/// </summary>
public sealed record TencentCursor(TencentPosition? Newest, TencentGap? Gap)
{
    private const char Separator = '|';

    public static readonly TencentCursor Start = new(null, null);

    public string ToText()
    {
        var newest = Newest?.ToCursor() ?? "";
        return Gap is { } gap ? $"{newest}{Separator}{gap.Floor?.ToCursor()}{Separator}{gap.Ceiling.ToCursor()}" : newest;
    }

    /// <summary>Reads a cursor written by <see cref="ToText"/>; anything else reads the list from the top (<see cref="Start"/>).</summary>
    public static TencentCursor Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return Start;
        var parts = text.Split(Separator);
        if (parts.Length == 1) return new(TencentPosition.FromCursor(text), null);
        if (parts.Length != 3 || TencentPosition.FromCursor(parts[2]) is not { } ceiling) return Start;
        var floor = TencentPosition.FromCursor(parts[1]);
        if (floor is null && parts[1].Length > 0) return Start;
        return new(TencentPosition.FromCursor(parts[0]), new TencentGap(floor, ceiling));
    }
}
