namespace Bot.Core.Text;

/// <summary>Shows instants in the configured time zone (<c>Bot:TimeZone</c>), the way people on site read them.</summary>
public sealed class BotClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeProvider Time { get; } = time;
    public TimeZoneInfo Zone { get; } = zone;

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary><c>21:22</c>: the time of day in the zone, for short lines such as an alarm's thread log.</summary>
    public string ShowTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    // The last few seconds shown: every card of a busy minute shows the same handful of instants (requested at, expires at).
    private readonly ShownInstant?[] _shown = new ShownInstant?[8];

    /// <summary><c>2026-11-22 19:36 (UTC+08:00)</c>: unambiguous for people in several zones.</summary>
    public string Show(DateTimeOffset instant)
    {
        var second = instant.ToUnixTimeSeconds();
        var slot = (int)(second & (_shown.Length - 1));
        // The format's separators follow the current culture: a text is reused only under the culture that wrote it.
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        if (Volatile.Read(ref _shown[slot]) is { } shown && shown.Second == second && ReferenceEquals(shown.Culture, culture)) return shown.Text;
        var text = Format(instant);
        Volatile.Write(ref _shown[slot], new ShownInstant(second, culture, text));
        return text;
    }

    private string Format(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{local:yyyy-MM-dd HH:mm:ss} (UTC{sign}{offset:hh\\:mm})";
    }
}
