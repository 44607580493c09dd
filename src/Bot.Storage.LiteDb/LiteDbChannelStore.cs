using Bot.Core.Channels;
using Bot.Core.Storage;

namespace Bot.Storage.LiteDb;

public sealed class LiteDbChannelStore(BotDatabase db) : IChannelStore, IMappingStore
{
    private readonly LiteDB.ILiteCollection<ChannelDocument> _channels = db.Collection<ChannelDocument>(Collections.Channels);
    private readonly LiteDB.ILiteCollection<MappingDocument> _mappings = db.Collection<MappingDocument>(Collections.Mappings);

    public Task<Channel?> FindAsync(string channelKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(_channels.FindById(channelKey) is { } c ? ToChannel(c) : null);

    public Task<IReadOnlyList<Channel>> AllAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Channel>>(_channels.FindAll().Select(ToChannel).ToList());

    public Task<Channel> UpsertAsync(Channel channel, CancellationToken cancellationToken = default)
    {
        // Every request refreshes its channel; most change nothing and need no write at all.
        if (_channels.FindById(channel.Key) is { } stored && Same(stored, Merged(channel, stored))) return Task.FromResult(ToChannel(stored));
        return db.WriteAsync(() => Merge(channel));
    }

    private Channel Merge(Channel channel)
    {
        var stored = _channels.FindById(channel.Key);
        var merged = Merged(channel, stored);
        if (stored is null || !Same(stored, merged)) _channels.Upsert(merged);
        return ToChannel(merged);
    }

    private static ChannelDocument Merged(Channel channel, ChannelDocument? stored) =>
        new()
        {
            Id = channel.Key,
            Platform = channel.Platform,
            ExternalId = channel.ExternalId,
            Name = channel.Name ?? stored?.Name,
            TenantId = channel.TenantId ?? stored?.TenantId,
            Reference = channel.Reference ?? stored?.Reference,
            UpdatedAt = Instants.ToStored(channel.UpdatedAt) ?? stored?.UpdatedAt,
        };

    public Task<bool> RemoveAsync(string channelKey, CancellationToken cancellationToken = default)
    {
        return db.WriteAsync(() =>
        {
            var removed = _channels.Delete(channelKey);
            _mappings.DeleteMany(m => m.ChannelKey == channelKey);
            return removed;
        });
    }

    public Task<bool> ClearReferenceAsync(string channelKey, CancellationToken cancellationToken = default)
    {
        return db.WriteAsync(() =>
        {
            if (_channels.FindById(channelKey) is not { Reference: not null } stored) return false;
            stored.Reference = null;
            return _channels.Update(stored);
        });
    }

    public Task<bool> MapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default)
    {
        return db.WriteAsync(() => AddMapping(channelKey, deviceId));
    }

    public Task<int> MapManyAsync(IReadOnlyList<Channel> channels, IReadOnlyList<ChannelDeviceMapping> mappings, CancellationToken cancellationToken = default) =>
        db.WriteAsync(() =>
        {
            foreach (var channel in channels) Merge(channel);
            return mappings.Count(m => AddMapping(m.ChannelKey, m.DeviceId));
        });

    private bool AddMapping(string channelKey, string deviceId)
    {
        var id = MappingDocument.IdOf(channelKey, deviceId);
        if (_mappings.FindById(id) is not null) return false;
        _mappings.Insert(new MappingDocument { Id = id, ChannelKey = channelKey, DeviceId = deviceId });
        return true;
    }

    public Task<bool> UnmapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default) =>
        db.WriteAsync(() => _mappings.Delete(MappingDocument.IdOf(channelKey, deviceId)));

    public Task<IReadOnlyList<string>> DevicesOfAsync(string channelKey, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(_mappings.Find(m => m.ChannelKey == channelKey).Select(m => m.DeviceId).ToList());

    public Task<IReadOnlyList<string>> ChannelsOfAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(_mappings.Find(m => m.DeviceId == deviceId).Select(m => m.ChannelKey).ToList());

    Task<IReadOnlyList<ChannelDeviceMapping>> IMappingStore.AllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ChannelDeviceMapping>>(_mappings.FindAll().Select(m => new ChannelDeviceMapping(m.ChannelKey, m.DeviceId)).ToList());

    private static bool Same(ChannelDocument a, ChannelDocument b) =>
        a.Name == b.Name && a.TenantId == b.TenantId && a.Reference == b.Reference && a.UpdatedAt == b.UpdatedAt;

    private static Channel ToChannel(ChannelDocument c) => new()
    {
        Platform = c.Platform,
        ExternalId = c.ExternalId,
        Name = c.Name,
        TenantId = c.TenantId,
        Reference = c.Reference,
        UpdatedAt = Instants.FromStored(c.UpdatedAt),
    };
}
