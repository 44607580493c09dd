using Bot.Core.Storage;

namespace Bot.Bench.Micro;

/// <summary>The token key comes from the configured secret in the micro bench: no store is asked.</summary>
internal sealed class NoStoredKeys : ISigningKeyStore
{
    public Task<byte[]> GetOrAddAsync(string name, byte[] candidate, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("a configured secret needs no stored key");
}
