using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>A row of <c>alarms</c>.</summary>
public sealed class AlarmRow
{
    /// <summary>The columns in the order <see cref="Read(NpgsqlDataReader, int)"/> reads them.</summary>
    internal const string Columns = "id, source, seq, category, severity, title, content, raised_at, product_id, device_name, device_alias, family_id, family_name, received_at, device_id, channels, ack_platform, ack_user_id, ack_user_name, ack_at, state, version, last_transition, last_platform, last_user_id, last_user_name, last_channel, last_at, held";

    public string Id { get; set; } = "";
    public string Source { get; set; } = "";
    public long Seq { get; set; }
    public int Category { get; set; }
    public string? Severity { get; set; }
    public string Title { get; set; } = "";
    public string Content { get; set; } = "";
    public long RaisedAt { get; set; }
    public string ProductId { get; set; } = "";
    public string DeviceName { get; set; } = "";
    public string DeviceAlias { get; set; } = "";
    public string FamilyId { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public long ReceivedAt { get; set; }
    public string? DeviceId { get; set; }
    public string[] Channels { get; set; } = [];
    public string? AckPlatform { get; set; }
    public string? AckUserId { get; set; }
    public string? AckUserName { get; set; }
    public long? AckAt { get; set; }
    public string State { get; set; } = "Firing";
    public long Version { get; set; }
    public string? LastTransition { get; set; }
    public string? LastPlatform { get; set; }
    public string? LastUserId { get; set; }
    public string? LastUserName { get; set; }
    public string? LastChannel { get; set; }
    public long? LastAt { get; set; }
    /// <summary>The state before a change (only in the answer of the change itself).</summary>
    public string? FromState { get; set; }
    public bool Held { get; set; }

    /// <summary>Reads <see cref="Columns"/> from ordinal <paramref name="first"/> on (a change's answer puts the state it left first).</summary>
    internal static AlarmRow Read(NpgsqlDataReader r, int first)
    {
        var i = first;
        return new()
        {
            Id = r.GetString(i++),
            Source = r.GetString(i++),
            Seq = r.GetInt64(i++),
            Category = r.GetInt32(i++),
            Severity = r.GetStringOrNull(i++),
            Title = r.GetString(i++),
            Content = r.GetString(i++),
            RaisedAt = r.GetInt64(i++),
            ProductId = r.GetString(i++),
            DeviceName = r.GetString(i++),
            DeviceAlias = r.GetString(i++),
            FamilyId = r.GetString(i++),
            FamilyName = r.GetString(i++),
            ReceivedAt = r.GetInt64(i++),
            DeviceId = r.GetStringOrNull(i++),
            Channels = r.GetFieldValue<string[]>(i++),
            AckPlatform = r.GetStringOrNull(i++),
            AckUserId = r.GetStringOrNull(i++),
            AckUserName = r.GetStringOrNull(i++),
            AckAt = r.GetInt64OrNull(i++),
            State = r.GetString(i++),
            Version = r.GetInt64(i++),
            LastTransition = r.GetStringOrNull(i++),
            LastPlatform = r.GetStringOrNull(i++),
            LastUserId = r.GetStringOrNull(i++),
            LastUserName = r.GetStringOrNull(i++),
            LastChannel = r.GetStringOrNull(i++),
            LastAt = r.GetInt64OrNull(i++),
            Held = r.GetBoolean(i),
        };
    }

    internal static AlarmRow Read(NpgsqlDataReader r) => Read(r, 0);
}
