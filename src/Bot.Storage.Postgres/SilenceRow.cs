using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>A row of <c>silences</c>.</summary>
public sealed class SilenceRow
{
    /// <summary>The columns in the order <see cref="Read"/> reads them.</summary>
    internal const string Columns = "device_id, since, until, platform, user_id, user_name, channel_key, ended_by_platform, ended_by_id, ended_by_name, announced";

    public string DeviceId { get; set; } = "";
    public long Since { get; set; }
    public long Until { get; set; }
    public string Platform { get; set; } = "";
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public string? EndedByPlatform { get; set; }
    public string? EndedById { get; set; }
    public string? EndedByName { get; set; }
    public bool Announced { get; set; }

    internal static SilenceRow Read(NpgsqlDataReader r) => new()
    {
        DeviceId = r.GetString(0),
        Since = r.GetInt64(1),
        Until = r.GetInt64(2),
        Platform = r.GetString(3),
        UserId = r.GetString(4),
        UserName = r.GetString(5),
        ChannelKey = r.GetString(6),
        EndedByPlatform = r.GetStringOrNull(7),
        EndedById = r.GetStringOrNull(8),
        EndedByName = r.GetStringOrNull(9),
        Announced = r.GetBoolean(10),
    };
}
