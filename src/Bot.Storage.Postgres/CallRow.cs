using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>A row of <c>calls</c>.</summary>
public sealed class CallRow
{
    /// <summary>The columns in the order <see cref="Read"/> reads them.</summary>
    internal const string Columns = "id, device_id, channel_key, user_platform, user_id, user_name, locale, state, created_at, expires_at, confirmed_at, finished_at, failure_detail, attempts";

    public string Id { get; set; } = "";
    public string DeviceId { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public string UserPlatform { get; set; } = "";
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    public string? Locale { get; set; }
    public string State { get; set; } = "";
    public long CreatedAt { get; set; }
    public long ExpiresAt { get; set; }
    public long? ConfirmedAt { get; set; }
    public long? FinishedAt { get; set; }
    public string? FailureDetail { get; set; }
    public int Attempts { get; set; }

    internal static CallRow Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        DeviceId = r.GetString(1),
        ChannelKey = r.GetString(2),
        UserPlatform = r.GetString(3),
        UserId = r.GetString(4),
        UserName = r.GetString(5),
        Locale = r.GetStringOrNull(6),
        State = r.GetString(7),
        CreatedAt = r.GetInt64(8),
        ExpiresAt = r.GetInt64(9),
        ConfirmedAt = r.GetInt64OrNull(10),
        FinishedAt = r.GetInt64OrNull(11),
        FailureDetail = r.GetStringOrNull(12),
        Attempts = r.GetInt32(13),
    };

    /// <summary>This row as <c>@Id, @DeviceId, …</c>.</summary>
    internal NpgsqlCommand Bind(NpgsqlCommand command) => command
        .With("Id", Id).With("DeviceId", DeviceId).With("ChannelKey", ChannelKey).With("UserPlatform", UserPlatform)
        .With("UserId", UserId).With("UserName", UserName).With("Locale", Locale).With("State", State)
        .With("CreatedAt", CreatedAt).With("ExpiresAt", ExpiresAt).With("ConfirmedAt", ConfirmedAt).With("FinishedAt", FinishedAt)
        .With("FailureDetail", FailureDetail).With("Attempts", Attempts);
}
