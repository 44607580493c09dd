namespace Bot.Core.Storage;

/// <summary>
/// Secret keys the bot makes for itself (e.g. the key that signs call tokens), kept in the database so they
/// survive restarts and every replica uses the same one. Never logged, never shown by the admin API.
/// </summary>
public interface ISigningKeyStore
{
    /// <summary>
    /// The key stored under <paramref name="name"/>; when there is none yet, stores <paramref name="candidate"/>
    /// and returns it. Atomic: of replicas asking at once, all get the one key that was stored first.
    /// </summary>
    Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken cancellationToken = default);
}
