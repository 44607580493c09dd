using Bot.Core.Storage;

namespace Bot.Storage.LiteDb;

/// <summary>Keys the bot made for itself, in the database file (so a restart keeps them).</summary>
public sealed class LiteDbSigningKeyStore(BotDatabase db) : ISigningKeyStore
{
    private readonly LiteDB.ILiteCollection<SigningKeyDocument> _keys = db.Collection<SigningKeyDocument>(Collections.SigningKeys);

    public Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken cancellationToken = default) =>
        db.WriteAsync(() =>
        {
            // On the one writer: the first caller stores its candidate, everyone after reads that one.
            if (_keys.FindById(name) is { } stored) return stored.Value;
            _keys.Insert(new SigningKeyDocument { Id = name, Value = candidate });
            return candidate;
        });
}
