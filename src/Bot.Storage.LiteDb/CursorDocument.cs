using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>Id is the cursor's source (or source stream); the value is the source's own text.</summary>
public sealed class CursorDocument
{
    [BsonId] public string Id { get; set; } = "";
    public string Value { get; set; } = "";
}
