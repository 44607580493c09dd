using LiteDB;

namespace Bot.Storage.LiteDb;

// The stored shapes. Kept apart from the Core's records so the file format changes only on purpose.
// Instants are stored as Unix milliseconds: exact, and free of LiteDB's local-time conversions.

public sealed class DeviceDocument
{
    [BsonId] public string Id { get; set; } = "";
    public string IsdpDeviceId { get; set; } = "";
    public string ChatJid { get; set; } = "";
    public string? Alias { get; set; }
    public string? TencentProductId { get; set; }
    public string? TencentDeviceName { get; set; }
    /// <summary><c>productId/deviceName</c> of the device's source identity, indexed: how alarms find their device. (Field names kept from the first source, so existing files read as they are.)</summary>
    public string? TencentKey { get; set; }
}

public sealed class ChannelDocument
{
    [BsonId] public string Id { get; set; } = "";
    public string Platform { get; set; } = "";
    public string ExternalId { get; set; } = "";
    public string? Name { get; set; }
    public string? TenantId { get; set; }
    public string? Reference { get; set; }
    public long? UpdatedAt { get; set; }
}

/// <summary>Id is <c>channelKey|deviceId</c>: the primary key itself forbids a mapping twice.</summary>
public sealed class MappingDocument
{
    [BsonId] public string Id { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public string DeviceId { get; set; } = "";

    public static string IdOf(string channelKey, string deviceId) => $"{channelKey}|{deviceId}";
}

public sealed class CallDocument
{
    [BsonId] public string Id { get; set; } = "";
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
    public string? SurfaceRef { get; set; }
}

public sealed class AuditDocument
{
    [BsonId] public ObjectId? Id { get; set; }
    public string CallId { get; set; } = "";
    public string DeviceId { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public string UserKey { get; set; } = "";
    public string UserName { get; set; } = "";
    public long At { get; set; }
    public string Event { get; set; } = "";
    public string? Detail { get; set; }
}

public sealed class CallerDocument
{
    [BsonId] public string Id { get; set; } = "";
    public long UserId { get; set; }
    public string UserName { get; set; } = "";
    public string UserNo { get; set; } = "";
    public int TenantId { get; set; }
}

internal static class Instants
{
    public static long ToStored(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();
    public static DateTimeOffset FromStored(long stored) => DateTimeOffset.FromUnixTimeMilliseconds(stored);
    public static long? ToStored(DateTimeOffset? instant) => instant?.ToUnixTimeMilliseconds();
    public static DateTimeOffset? FromStored(long? stored) => stored is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null;
}
