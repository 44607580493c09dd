using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>Id is <c>channelKey|familyId</c>.</summary>
public sealed class FamilyMappingDocument
{
    [BsonId] public string Id { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public string FamilyId { get; set; } = "";

    public static string IdOf(string channelKey, string familyId) => $"{channelKey}|{familyId}";
}
