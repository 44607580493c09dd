namespace Bot.Storage.Postgres;

/// <summary>A row of <c>alarms</c>.</summary>
public sealed class AlarmRow
{
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
}
