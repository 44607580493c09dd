// Spec: shared/specs/tencent-iot.md §4 (AppGetMessages message fields).
using Bot.Core.Devices;

namespace Bot.Core.Alarms;

/// <summary>Tencent's message categories (the <c>Category</c> field).</summary>
public static class AlarmCategory
{
    public const int Device = 1;
    public const int Family = 2;
    public const int Notification = 3;

    public static readonly IReadOnlyList<int> All = [Device, Family, Notification];

    public static bool IsKnown(int category) => category is Device or Family or Notification;
}

/// <summary>
/// One message of the Tencent message list, as read. Device fields are empty strings when the message
/// concerns no device; <see cref="Timestamp"/> is Unix milliseconds.
/// </summary>
public sealed record AlarmMessage
{
    public required string MsgId { get; init; }
    public required int Category { get; init; }
    public int MsgType { get; init; }
    public string Title { get; init; } = "";
    public string Content { get; init; } = "";
    public required long Timestamp { get; init; }
    public string ProductId { get; init; } = "";
    public string DeviceName { get; init; } = "";
    public string DeviceAlias { get; init; } = "";
    public string FamilyId { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string UserId { get; init; } = "";
    public string FromUserId { get; init; } = "";
    public string RelateUserId { get; init; } = "";
    public string CreateAt { get; init; } = "";

    public AlarmPosition Position => new(Timestamp, MsgId);

    /// <summary>The Tencent device the message names, when it names one.</summary>
    public TencentIdentity? TencentDevice =>
        string.IsNullOrWhiteSpace(ProductId) || string.IsNullOrWhiteSpace(DeviceName) ? null : new TencentIdentity(ProductId.Trim(), DeviceName.Trim());

    public DateTimeOffset At => DateTimeOffset.FromUnixTimeMilliseconds(Timestamp);
}

/// <summary>
/// Where a message sits in the list: Tencent lists newest first by time, and MsgIDs (strings of
/// digits) grow with time, so (timestamp, id) orders messages totally even within one millisecond.
/// </summary>
public readonly record struct AlarmPosition(long Timestamp, string MsgId) : IComparable<AlarmPosition>
{
    public int CompareTo(AlarmPosition other)
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

    public static bool operator <(AlarmPosition a, AlarmPosition b) => a.CompareTo(b) < 0;
    public static bool operator >(AlarmPosition a, AlarmPosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(AlarmPosition a, AlarmPosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(AlarmPosition a, AlarmPosition b) => a.CompareTo(b) >= 0;
}
