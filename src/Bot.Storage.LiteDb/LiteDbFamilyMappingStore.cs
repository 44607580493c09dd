using Bot.Core.Alarms;

namespace Bot.Storage.LiteDb;

public sealed class LiteDbFamilyMappingStore : IFamilyMappingStore
{
    private readonly LiteDB.ILiteCollection<FamilyMappingDocument> _mappings;

    public LiteDbFamilyMappingStore(BotDatabase db)
    {
        _mappings = db.Collection<FamilyMappingDocument>(AlarmCollections.FamilyMappings);
        _mappings.EnsureIndex(m => m.FamilyId);
    }

    public Task<bool> MapAsync(string channelKey, string familyId, CancellationToken cancellationToken = default)
    {
        var id = FamilyMappingDocument.IdOf(channelKey, familyId);
        // Insert on the primary key: a second identical mapping is refused by the store itself.
        try
        {
            _mappings.Insert(new FamilyMappingDocument { Id = id, ChannelKey = channelKey, FamilyId = familyId });
            return Task.FromResult(true);
        }
        catch (LiteDB.LiteException e) when (e.ErrorCode == LiteDB.LiteException.INDEX_DUPLICATE_KEY)
        {
            return Task.FromResult(false);
        }
    }

    public Task<bool> UnmapAsync(string channelKey, string familyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_mappings.Delete(FamilyMappingDocument.IdOf(channelKey, familyId)));

    public Task<IReadOnlyList<string>> ChannelsOfAsync(string familyId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(_mappings.Find(m => m.FamilyId == familyId).Select(m => m.ChannelKey).OrderBy(k => k, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<FamilyMapping>> AllAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FamilyMapping>>(_mappings.FindAll().Select(m => new FamilyMapping(m.ChannelKey, m.FamilyId))
            .OrderBy(m => m.FamilyId, StringComparer.Ordinal).ThenBy(m => m.ChannelKey, StringComparer.Ordinal).ToList());
}
