using Bot.Core.Storage;

namespace Bot.Storage.LiteDb;

/// <summary>Keys the bot made for itself, in the database file (so a restart keeps them).</summary>
public sealed class LiteDbSigningKeyStore(BotDatabase db) : ISigningKeyStore
{
    private readonly LiteDB.ILiteCollection<SigningKeyDocument> _keys = db.Collection<SigningKeyDocument>(Collections.SigningKeys);

    public async Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken cancellationToken = default)
    {
        if (_keys.FindById(name) is { } known) return Convert.FromBase64String(known.Value);
        // On the one writer: the first caller stores its candidate (a second insert of the name would fail its write
        // and run again alone, finding the first). Every caller then reads what was committed, never its own guess.
        await db.WriteAsync(() =>
        {
            if (_keys.FindById(name) is null) _keys.Insert(new SigningKeyDocument { Id = name, Value = Convert.ToBase64String(candidate) });
        });
        return _keys.FindById(name) is { } stored ? Convert.FromBase64String(stored.Value) : throw new InvalidOperationException($"The signing key '{name}' was not stored.");
    }
}
