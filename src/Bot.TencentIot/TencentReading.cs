using Bot.Core.Alarms;

namespace Bot.TencentIot;

/// <summary>One poll's progress across its pages: the cursor stored last, the ids seen, what was taken.</summary>
internal sealed class TencentReading(int category, TencentCursor cursor)
{
    public int Category { get; } = category;
    public TencentCursor Cursor { get; set; } = cursor;
    public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);
    public int Pages { get; set; }
    public IntakeResult Result { get; set; } = new(0, 0);
}
