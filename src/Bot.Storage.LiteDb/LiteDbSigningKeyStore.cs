using Bot.Core.Storage;

namespace Bot.Storage.LiteDb;

/// <summary>Keys the bot made for itself, in the database file (so a restart keeps them).</summary>
public sealed class LiteDbSigningKeyStore(BotDatabase db) : ISigningKeyStore
{
    private readonly LiteDB.ILiteCollection<SigningKeyDocument> _keys = db.Collection<SigningKeyDocument>(Collections.SigningKeys);

    /// <summary>
    /// Read and, when missing, stored on the one writer, in its transaction: the first caller's candidate is kept and every
    /// caller gets what that transaction holds. A read beside the writer could see a page it is rewriting, and a key is
    /// asked for once per process, so there is nothing to gain from one.
    /// </summary>
    public Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken cancellationToken = default) =>
        db.WriteAsync(() =>
        {
            if (_keys.FindById(name) is { } known) return Convert.FromBase64String(known.Value);
            var value = Convert.ToBase64String(candidate);
            _keys.Insert(new SigningKeyDocument { Id = name, Value = value });
            return Convert.FromBase64String(value);
        });
}
