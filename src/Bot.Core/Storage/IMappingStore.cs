using Bot.Core.Channels;

namespace Bot.Core.Storage;

public interface IMappingStore
{
    /// <summary>Returns false when the mapping already existed (unique channel + device).</summary>
    Task<bool> MapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default);
    Task<bool> UnmapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default);
    /// <summary>Adds or refreshes the channels and adds the missing mappings, in one transaction (imports). Returns how many mappings were new.</summary>
    Task<int> MapManyAsync(IReadOnlyList<Channel> channels, IReadOnlyList<ChannelDeviceMapping> mappings, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<string>> DevicesOfAsync(string channelKey, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<string>> ChannelsOfAsync(string deviceId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<ChannelDeviceMapping>> AllAsync(CancellationToken cancellationToken = default);
}
