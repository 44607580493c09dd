using Bot.Core.Alarms;

namespace Bot.Storage.LiteDb;

public sealed class LiteDbFamilyMappingStore : IFamilyMappingStore
{
    private readonly BotDatabase _db;
    private readonly LiteDB.ILiteCollection<FamilyMappingDocument> _mappings;

    public LiteDbFamilyMappingStore(BotDatabase db)
    {
        _db = db;
        _mappings = db.Collection<FamilyMappingDocument>(AlarmCollections.FamilyMappings);
        _mappings.EnsureIndex(m => m.FamilyId);
    }

    public Task<bool> MapAsync(string channelKey, string familyId, CancellationToken cancellationToken = default)
    {
        var id = FamilyMappingDocument.IdOf(channelKey, familyId);
        // The primary key is the pair: checked and inserted in one write, a mapping exists once.
        return _db.WriteAsync(() =>
        {
            if (_mappings.FindById(id) is not null) return false;
            _mappings.Insert(new FamilyMappingDocument { Id = id, ChannelKey = channelKey, FamilyId = familyId });
            return true;
        });
    }

    public Task<bool> UnmapAsync(string channelKey, string familyId, CancellationToken cancellationToken = default) =>
        _db.WriteAsync(() => _mappings.Delete(FamilyMappingDocument.IdOf(channelKey, familyId)));

    public Task<IReadOnlyList<string>> ChannelsOfAsync(string familyId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(_mappings.Find(m => m.FamilyId == familyId).Select(m => m.ChannelKey).OrderBy(k => k, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<FamilyMapping>> AllAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FamilyMapping>>(_mappings.FindAll().Select(m => new FamilyMapping(m.ChannelKey, m.FamilyId))
            .OrderBy(m => m.FamilyId, StringComparer.Ordinal).ThenBy(m => m.ChannelKey, StringComparer.Ordinal).ToList());
}
