namespace Bot.Core.Text;

/// <summary>Shows instants in the configured time zone (<c>Bot:TimeZone</c>), the way people on site read them.</summary>
public sealed class BotClock(TimeProvider time, TimeZoneInfo zone)
{
    public TimeProvider Time { get; } = time;
    public TimeZoneInfo Zone { get; } = zone;

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary><c>21:22</c>: the time of day in the zone, for short lines such as an alarm's thread log.</summary>
    public string ShowTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>2026-11-22 19:36 (UTC+08:00)</c>: unambiguous for people in several zones.</summary>
    public string Show(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{local:yyyy-MM-dd HH:mm:ss} (UTC{sign}{offset:hh\\:mm})";
    }
}
