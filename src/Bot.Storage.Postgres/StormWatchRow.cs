using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>A row of <c>storm_watches</c>: the recent alarms as parallel arrays.</summary>
public sealed class StormWatchRow
{
    /// <summary>The columns in the order <see cref="Read"/> reads them.</summary>
    internal const string Columns = "recent_ids, recent_at, storm_id";

    public string[] RecentIds { get; set; } = [];
    public long[] RecentAt { get; set; } = [];
    public string? StormId { get; set; }

    internal static StormWatchRow Read(NpgsqlDataReader r) => new()
    {
        RecentIds = r.GetFieldValue<string[]>(0),
        RecentAt = r.GetFieldValue<long[]>(1),
        StormId = r.GetStringOrNull(2),
    };
}
