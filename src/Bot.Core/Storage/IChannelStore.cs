using Bot.Core.Channels;

namespace Bot.Core.Storage;

public interface IChannelStore
{
    Task<Channel?> FindAsync(string channelKey, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<Channel>> AllAsync(CancellationToken cancellationToken = default);
    /// <summary>Adds the channel or refreshes it; null fields of <paramref name="channel"/> keep the stored values.</summary>
    Task<Channel> UpsertAsync(Channel channel, CancellationToken cancellationToken = default);
    /// <summary>Removes the channel and its mappings.</summary>
    Task<bool> RemoveAsync(string channelKey, CancellationToken cancellationToken = default);

    /// <summary>Forgets how to reach the channel proactively (the bot was removed from it); mappings stay.</summary>
    Task<bool> ClearReferenceAsync(string channelKey, CancellationToken cancellationToken = default);
}
