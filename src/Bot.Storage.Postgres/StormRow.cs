using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>A row of <c>storms</c>.</summary>
public sealed class StormRow
{
    /// <summary>The columns in the order <see cref="Read"/> reads them.</summary>
    internal const string Columns = "id, channel_key, device_id, alarm_ids, first_at, latest_at, message_ref, shown_count, next_edit_at, device_ids";

    public string Id { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public string DeviceId { get; set; } = "";
    public string[] AlarmIds { get; set; } = [];
    public string[] DeviceIds { get; set; } = [];
    public long FirstAt { get; set; }
    public long LatestAt { get; set; }
    public string? MessageRef { get; set; }
    public int ShownCount { get; set; }
    public long NextEditAt { get; set; }

    internal static StormRow Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        ChannelKey = r.GetString(1),
        DeviceId = r.GetString(2),
        AlarmIds = r.GetFieldValue<string[]>(3),
        FirstAt = r.GetInt64(4),
        LatestAt = r.GetInt64(5),
        MessageRef = r.GetStringOrNull(6),
        ShownCount = r.GetInt32(7),
        NextEditAt = r.GetInt64(8),
        DeviceIds = r.GetFieldValue<string[]>(9),
    };
}
