using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>A row of <c>call_audit</c>.</summary>
public sealed class AuditRow
{
    /// <summary>The columns in the order <see cref="Read"/> reads them.</summary>
    internal const string Columns = "call_id, device_id, channel_key, user_key, user_name, at, event, detail";

    public string CallId { get; set; } = "";
    public string DeviceId { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public string UserKey { get; set; } = "";
    public string UserName { get; set; } = "";
    public long At { get; set; }
    public string Event { get; set; } = "";
    public string? Detail { get; set; }

    internal static AuditRow Read(NpgsqlDataReader r) => new()
    {
        CallId = r.GetString(0),
        DeviceId = r.GetString(1),
        ChannelKey = r.GetString(2),
        UserKey = r.GetString(3),
        UserName = r.GetString(4),
        At = r.GetInt64(5),
        Event = r.GetString(6),
        Detail = r.GetStringOrNull(7),
    };

    /// <summary>This row as <c>@CallId, @DeviceId, …</c>.</summary>
    internal NpgsqlCommand Bind(NpgsqlCommand command) => command
        .With("CallId", CallId).With("DeviceId", DeviceId).With("ChannelKey", ChannelKey).With("UserKey", UserKey)
        .With("UserName", UserName).With("At", At).With("Event", Event).With("Detail", Detail);
}
