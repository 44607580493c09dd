using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>
/// A stored shape, kept apart from the Core's records so the file format changes only on purpose: audit lines written
/// together (<see cref="Lines"/>, <see cref="At"/> the newest line's). Documents written before lines were kept
/// together hold one line in the other fields and no <see cref="Lines"/>.
/// </summary>
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
    /// <summary>Lines written together, in the order written; null in a document of one line written before.</summary>
    public List<AuditLineDocument>? Lines { get; set; }
}
