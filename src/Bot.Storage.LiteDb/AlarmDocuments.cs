using LiteDB;

namespace Bot.Storage.LiteDb;

// Stored shapes of the alarm relay. Instants as Unix milliseconds, like the rest of the file.

public static class AlarmCollections
{
    public const string Alarms = "alarms";
    public const string Deliveries = "alarmDeliveries";
    public const string Cursors = "alarmCursors";
    public const string FamilyMappings = "familyMappings";
}

/// <summary>Id is Tencent's MsgID: the primary key itself keeps a message from being stored twice.</summary>
public sealed class AlarmDocument
{
    [BsonId] public string Id { get; set; } = "";
    public long Seq { get; set; }
    public int Category { get; set; }
    public int MsgType { get; set; }
    public string Title { get; set; } = "";
    public string Content { get; set; } = "";
    public long Timestamp { get; set; }
    public string ProductId { get; set; } = "";
    public string DeviceName { get; set; } = "";
    public string DeviceAlias { get; set; } = "";
    public string FamilyId { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string UserId { get; set; } = "";
    public string FromUserId { get; set; } = "";
    public string RelateUserId { get; set; } = "";
    public string CreateAt { get; set; } = "";
    public long ReceivedAt { get; set; }
    public string? DeviceId { get; set; }
    public List<string> Channels { get; set; } = [];
    public bool Routed { get; set; }
    public string? AckPlatform { get; set; }
    public string? AckUserId { get; set; }
    public string? AckUserName { get; set; }
    public long? AckAt { get; set; }
}

/// <summary>Id is <c>alarmId|channelKey</c>: one card per alarm and channel.</summary>
public sealed class DeliveryDocument
{
    [BsonId] public string Id { get; set; } = "";
    public string AlarmId { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public long Seq { get; set; }
    public string State { get; set; } = "";
    /// <summary>Pending, or posted and waiting for an edit: what the dispatcher looks at (indexed).</summary>
    public bool Due { get; set; }
    public int Attempts { get; set; }
    public long NextAttemptAt { get; set; }
    public string? MessageRef { get; set; }
    public string? LastError { get; set; }
    public long? PostedAt { get; set; }
    public bool NeedsRefresh { get; set; }
}

/// <summary>Id is the category: the newest (timestamp, MsgID) taken.</summary>
public sealed class CursorDocument
{
    [BsonId] public int Id { get; set; }
    public long Timestamp { get; set; }
    public string MsgId { get; set; } = "";
}

/// <summary>Id is <c>channelKey|familyId</c>.</summary>
public sealed class FamilyMappingDocument
{
    [BsonId] public string Id { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public string FamilyId { get; set; } = "";

    public static string IdOf(string channelKey, string familyId) => $"{channelKey}|{familyId}";
}
