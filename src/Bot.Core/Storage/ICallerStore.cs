using Bot.Core.Calls;

namespace Bot.Core.Storage;

/// <summary>Per chat user ISDP identity for the invite's caller fields (else the token's plat_user).</summary>
public interface ICallerStore
{
    Task<IsdpCaller?> FindAsync(string userKey, CancellationToken cancellationToken = default);
    Task<IReadOnlyDictionary<string, IsdpCaller>> AllAsync(CancellationToken cancellationToken = default);
    Task SetAsync(string userKey, IsdpCaller caller, CancellationToken cancellationToken = default);
    Task<bool> RemoveAsync(string userKey, CancellationToken cancellationToken = default);
}
