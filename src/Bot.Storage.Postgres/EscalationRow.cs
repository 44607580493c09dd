using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>A row of <c>escalations</c>.</summary>
public sealed class EscalationRow
{
    /// <summary>The columns in the order <see cref="Read"/> reads them.</summary>
    internal const string Columns = "id, alarm_id, channel_key, started_at, next_step, steps, due_at, ended_because";

    public string Id { get; set; } = "";
    public string AlarmId { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public long StartedAt { get; set; }
    public int NextStep { get; set; }
    public int Steps { get; set; }
    public long? DueAt { get; set; }
    public string? EndedBecause { get; set; }

    internal static EscalationRow Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        AlarmId = r.GetString(1),
        ChannelKey = r.GetString(2),
        StartedAt = r.GetInt64(3),
        NextStep = r.GetInt32(4),
        Steps = r.GetInt32(5),
        DueAt = r.GetInt64OrNull(6),
        EndedBecause = r.GetStringOrNull(7),
    };
}
