using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>
/// A stored alarm. Id is the source's message id: the primary key itself keeps an alarm from being
/// stored twice. Instants as Unix milliseconds, like the rest of the file.
/// </summary>
public sealed class AlarmDocument
{
    [BsonId] public string Id { get; set; } = "";
    public string Source { get; set; } = "";
    public long Seq { get; set; }
    /// <summary>The <c>AlarmCategory</c> number.</summary>
    public int Category { get; set; }
    /// <summary>The <c>AlarmSeverity</c> name; null in alarms stored before severities were kept.</summary>
    public string? Severity { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The alarm's text.</summary>
    public string Content { get; set; } = "";
    /// <summary>When the source raised it.</summary>
    public long Timestamp { get; set; }
    public string ProductId { get; set; } = "";
    public string DeviceName { get; set; } = "";
    public string DeviceAlias { get; set; } = "";
    public string FamilyId { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public long ReceivedAt { get; set; }
    public string? DeviceId { get; set; }
    public List<string> Channels { get; set; } = [];
    public bool Routed { get; set; }
    public string? AckPlatform { get; set; }
    public string? AckUserId { get; set; }
    public string? AckUserName { get; set; }
    public long? AckAt { get; set; }
    /// <summary>The <c>AlarmState</c> name; null in alarms stored before states were kept (read as Acknowledged when <see cref="AckAt"/> is set, else Firing).</summary>
    public string? State { get; set; }
    /// <summary>How many changes of state the alarm has had (0: none, or stored before states were kept).</summary>
    public long Version { get; set; }
    /// <summary>The latest change (the <c>AlarmTransition</c> name, who, where, when); null before the first.</summary>
    public string? LastTransition { get; set; }
    public string? LastPlatform { get; set; }
    public string? LastUserId { get; set; }
    public string? LastUserName { get; set; }
    public string? LastChannel { get; set; }
    public long? LastAt { get; set; }
    /// <summary>Came while its device was silenced: its deliveries were held back.</summary>
    public bool Held { get; set; }
}
