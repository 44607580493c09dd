using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>A key the bot made for itself (see <c>ISigningKeyStore</c>); Id is its name.</summary>
public sealed class SigningKeyDocument
{
    [BsonId] public string Id { get; set; } = "";
    public byte[] Value { get; set; } = [];
}
