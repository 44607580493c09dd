using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>A row of <c>deliveries</c>.</summary>
public sealed class DeliveryRow
{
    /// <summary>The columns in the order <see cref="Read"/> reads them.</summary>
    internal const string Columns = "alarm_id, channel_key, seq, state, attempts, unknown_outcomes, next_attempt_at, message_ref, last_error, posted_at, needs_refresh, logged_version";

    public string AlarmId { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public long Seq { get; set; }
    public string State { get; set; } = "";
    public int Attempts { get; set; }
    public int UnknownOutcomes { get; set; }
    public long NextAttemptAt { get; set; }
    public string? MessageRef { get; set; }
    public string? LastError { get; set; }
    public long? PostedAt { get; set; }
    public bool NeedsRefresh { get; set; }
    public long LoggedVersion { get; set; }

    internal static DeliveryRow Read(NpgsqlDataReader r) => new()
    {
        AlarmId = r.GetString(0),
        ChannelKey = r.GetString(1),
        Seq = r.GetInt64(2),
        State = r.GetString(3),
        Attempts = r.GetInt32(4),
        UnknownOutcomes = r.GetInt32(5),
        NextAttemptAt = r.GetInt64(6),
        MessageRef = r.GetStringOrNull(7),
        LastError = r.GetStringOrNull(8),
        PostedAt = r.GetInt64OrNull(9),
        NeedsRefresh = r.GetBoolean(10),
        LoggedVersion = r.GetInt64(11),
    };
}
