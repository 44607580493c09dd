using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>A device's silence; Id is the device id (one per device). Instants as Unix milliseconds.</summary>
public sealed class SilenceDocument
{
    [BsonId] public string DeviceId { get; set; } = "";
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
    /// <summary>Until when a caller announcing its end holds it (Unix milliseconds; 0: nobody).</summary>
    public long HeldUntil { get; set; }
}
