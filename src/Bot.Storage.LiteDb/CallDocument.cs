using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>A stored shape, kept apart from the Core's records so the file format changes only on purpose.</summary>
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
}
