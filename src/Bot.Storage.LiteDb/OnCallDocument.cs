using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>One channel's on-call people (id = channel key), in the order they were added.</summary>
public sealed class OnCallDocument
{
    [BsonId] public string Id { get; set; } = "";
    public List<OnCallPersonDocument> People { get; set; } = [];
}
