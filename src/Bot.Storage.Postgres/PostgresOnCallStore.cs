using Bot.Core.OnCall;
using Bot.Core.Storage;

namespace Bot.Storage.Postgres;

/// <summary>On-call people in PostgreSQL, one row per person and channel; add and remove are one statement each.</summary>
public sealed class PostgresOnCallStore(PostgresDatabase db) : IOnCallStore
{
    public async Task<IReadOnlyList<OnCallPerson>> OnCallAsync(string channelKey, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return (await c.Command("SELECT person_id, name FROM on_call WHERE channel_key = @channelKey ORDER BY position, person_id").With("channelKey", channelKey)
                .ListAsync(OnCallRow.Read, cancellationToken))
            .Select(r => new OnCallPerson(r.PersonId, r.Name)).ToList();
    }

    public Task SetOnCallAsync(string channelKey, IReadOnlyList<OnCallPerson> people, CancellationToken cancellationToken = default)
    {
        var unique = people.DistinctBy(p => p.Id, StringComparer.Ordinal).ToList();
        // Replaced in one transaction: a reader sees the old list or the new one.
        return db.InTransactionAsync(async (c, t) =>
        {
            await c.Command("DELETE FROM on_call WHERE channel_key = @channelKey", t).With("channelKey", channelKey).ExecuteAsync(cancellationToken);
            return await c.Command("""
                INSERT INTO on_call (channel_key, person_id, name, position)
                SELECT @channelKey, p.id, p.name, p.position FROM unnest(@ids, @names) WITH ORDINALITY AS p(id, name, position)
                """, t).With("channelKey", channelKey).With("ids", unique.Select(p => p.Id).ToArray()).With("names", unique.Select(p => p.Name).ToArray())
                .ExecuteAsync(cancellationToken);
        }, cancellationToken);
    }

    public async Task<bool> AddOnCallAsync(string channelKey, OnCallPerson person, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command("""
            INSERT INTO on_call (channel_key, person_id, name, position)
            SELECT @channelKey, @id, @name, coalesce((SELECT max(position) FROM on_call WHERE channel_key = @channelKey), 0) + 1
            ON CONFLICT (channel_key, person_id) DO NOTHING
            """).With("channelKey", channelKey).With("id", person.Id).With("name", person.Name).ExecuteAsync(cancellationToken) == 1;
    }

    public async Task<bool> RemoveOnCallAsync(string channelKey, string personId, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        return await c.Command("DELETE FROM on_call WHERE channel_key = @channelKey AND person_id = @personId")
            .With("channelKey", channelKey).With("personId", personId).ExecuteAsync(cancellationToken) == 1;
    }
}
