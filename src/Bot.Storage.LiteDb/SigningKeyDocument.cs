using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>A key the bot made for itself (see <c>ISigningKeyStore</c>); Id is its name.</summary>
public sealed class SigningKeyDocument
{
    [BsonId] public string Id { get; set; } = "";
    /// <summary>The key in base64: LiteDB may hand back a binary value that shares a page buffer it reuses.</summary>
    public string Value { get; set; } = "";
}
