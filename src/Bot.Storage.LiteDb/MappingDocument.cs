using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>Id is <c>channelKey|deviceId</c>: the primary key itself forbids a mapping twice.</summary>
public sealed class MappingDocument
{
    [BsonId] public string Id { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public string DeviceId { get; set; } = "";

    public static string IdOf(string channelKey, string deviceId) => $"{channelKey}|{deviceId}";
}
