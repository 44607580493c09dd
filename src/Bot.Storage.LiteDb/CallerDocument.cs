using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>A stored shape, kept apart from the Core's records so the file format changes only on purpose.</summary>
public sealed class CallerDocument
{
    [BsonId] public string Id { get; set; } = "";
    public long UserId { get; set; }
    public string UserName { get; set; } = "";
    public string UserNo { get; set; } = "";
    public int TenantId { get; set; }
}
