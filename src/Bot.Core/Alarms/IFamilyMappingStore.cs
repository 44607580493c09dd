namespace Bot.Core.Alarms;

public interface IFamilyMappingStore
{
    /// <summary>Returns false when the mapping already existed.</summary>
    Task<bool> MapAsync(string channelKey, string familyId, CancellationToken cancellationToken = default);
    Task<bool> UnmapAsync(string channelKey, string familyId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<string>> ChannelsOfAsync(string familyId, CancellationToken cancellationToken = default);
    Task<IReadOnlyList<FamilyMapping>> AllAsync(CancellationToken cancellationToken = default);
}
