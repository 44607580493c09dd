using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>A stored shape, kept apart from the Core's records so the file format changes only on purpose.</summary>
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
