using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>A device's recent alarms with cards of their own in one channel (id = channel key | device id), and its storm there.</summary>
public sealed class StormWatchDocument
{
    [BsonId] public string Id { get; set; } = "";
    public List<StormRecentDocument> Recent { get; set; } = [];
    public string? StormId { get; set; }
}
