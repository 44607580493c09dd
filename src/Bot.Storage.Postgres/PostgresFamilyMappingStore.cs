using Bot.Core.Alarms;
using Dapper;

namespace Bot.Storage.Postgres;

public sealed class PostgresFamilyMappingStore(PostgresDatabase db) : IFamilyMappingStore
{
    public async Task<bool> MapAsync(string channelKey, string familyId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("INSERT INTO family_mappings (channel_key, family_id) VALUES (@channelKey, @familyId) ON CONFLICT DO NOTHING",
            new { channelKey, familyId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> UnmapAsync(string channelKey, string familyId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM family_mappings WHERE channel_key = @channelKey AND family_id = @familyId",
            new { channelKey, familyId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<string>> ChannelsOfAsync(string familyId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<string>(new CommandDefinition("SELECT channel_key FROM family_mappings WHERE family_id = @familyId", new { familyId }, cancellationToken: cancellationToken)))
            .Order(StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<FamilyMapping>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.QueryAsync<(string, string)>(new CommandDefinition("SELECT channel_key, family_id FROM family_mappings", cancellationToken: cancellationToken)))
            .Select(m => new FamilyMapping(m.Item1, m.Item2))
            .OrderBy(m => m.FamilyId, StringComparer.Ordinal).ThenBy(m => m.ChannelKey, StringComparer.Ordinal).ToList();
    }
}
