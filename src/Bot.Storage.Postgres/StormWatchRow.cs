namespace Bot.Storage.Postgres;

/// <summary>A row of <c>storm_watches</c>: the recent alarms as parallel arrays.</summary>
public sealed class StormWatchRow
{
    public string[] RecentIds { get; set; } = [];
    public long[] RecentAt { get; set; } = [];
    public string? StormId { get; set; }
}
