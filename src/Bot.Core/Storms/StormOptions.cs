namespace Bot.Core.Storms;

/// <summary>Settings section <c>Alarms:Storms</c>: when a device's alarms fold into one card per channel.</summary>
public sealed class StormOptions
{
    public const string Section = "Alarms:Storms";

    /// <summary>Off: every alarm gets a card of its own.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>A device's first <see cref="Threshold"/> alarms within <see cref="Window"/> in a channel get their own cards; further ones fold.</summary>
    public int Threshold { get; set; } = 5;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>The storm card is edited at most this often (a calm pace, far inside every platform's limit).</summary>
    public TimeSpan EditInterval { get; set; } = TimeSpan.FromSeconds(5);
}
