// Spec: docs/protocols/tencent-iot.md §4 (paging by MsgID + MsgTimestamp).
using System.Globalization;

namespace Bot.TencentIot;

/// <summary>
/// Where a message sits in the list: Tencent lists newest first by time, and MsgIDs (strings of
/// digits) grow with time, so (timestamp, id) orders messages totally even within one millisecond.
/// Also the poller's cursor, stored by the Core as the opaque text <c>timestamp:msgId</c>.
/// </summary>
public readonly record struct TencentPosition(long Timestamp, string MsgId) : IComparable<TencentPosition>
{
    public int CompareTo(TencentPosition other)
    {
        var byTime = Timestamp.CompareTo(other.Timestamp);
        return byTime != 0 ? byTime : CompareIds(MsgId ?? "", other.MsgId ?? "");
    }

    /// <summary>Digit strings compare as numbers (shorter is smaller); anything else ordinally.</summary>
    public static int CompareIds(string a, string b)
    {
        if (a.Length != b.Length && a.All(char.IsAsciiDigit) && b.All(char.IsAsciiDigit))
            return a.Length.CompareTo(b.Length);
        return string.CompareOrdinal(a, b);
    }

    /// <summary>The cursor text: <c>timestamp:msgId</c>.</summary>
    public string ToCursor() => $"{Timestamp.ToString(CultureInfo.InvariantCulture)}:{MsgId}";

    /// <summary>Reads a cursor written by <see cref="ToCursor"/>; null for anything else (then the list is read from the top).</summary>
    public static TencentPosition? FromCursor(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        var colon = cursor.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == cursor.Length - 1) return null;
        return long.TryParse(cursor.AsSpan(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture, out var timestamp)
            ? new TencentPosition(timestamp, cursor[(colon + 1)..])
            : null;
    }

    public static bool operator <(TencentPosition a, TencentPosition b) => a.CompareTo(b) < 0;
    public static bool operator >(TencentPosition a, TencentPosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(TencentPosition a, TencentPosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(TencentPosition a, TencentPosition b) => a.CompareTo(b) >= 0;
}
