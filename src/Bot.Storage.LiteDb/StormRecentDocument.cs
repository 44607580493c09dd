namespace Bot.Storage.LiteDb;

/// <summary>An alarm that got its own card, inside <see cref="StormWatchDocument"/>.</summary>
public sealed class StormRecentDocument
{
    public string AlarmId { get; set; } = "";
    public long At { get; set; }
}
