using Bot.Core.Alarms;

namespace Bot.Storage.Postgres;

public sealed class PostgresFamilyMappingStore(PostgresDatabase db) : IFamilyMappingStore
{
    public async Task<bool> MapAsync(string channelKey, string familyId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command("INSERT INTO family_mappings (channel_key, family_id) VALUES (@channelKey, @familyId) ON CONFLICT DO NOTHING")
            .With("channelKey", channelKey).With("familyId", familyId).ExecuteAsync(cancellationToken) > 0;
    }

    public async Task<bool> UnmapAsync(string channelKey, string familyId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command("DELETE FROM family_mappings WHERE channel_key = @channelKey AND family_id = @familyId")
            .With("channelKey", channelKey).With("familyId", familyId).ExecuteAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<string>> ChannelsOfAsync(string familyId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command("SELECT channel_key FROM family_mappings WHERE family_id = @familyId").With("familyId", familyId)
                .ListAsync(r => r.GetString(0), cancellationToken))
            .Order(StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<FamilyMapping>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command("SELECT channel_key, family_id FROM family_mappings")
                .ListAsync(r => new FamilyMapping(r.GetString(0), r.GetString(1)), cancellationToken))
            .OrderBy(m => m.FamilyId, StringComparer.Ordinal).ThenBy(m => m.ChannelKey, StringComparer.Ordinal).ToList();
    }
}
