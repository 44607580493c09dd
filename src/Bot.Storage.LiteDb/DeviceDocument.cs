using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>A stored shape, kept apart from the Core's records so the file format changes only on purpose.</summary>
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
