using Bot.Core.Storage;

namespace Bot.Storage.Postgres;

/// <summary>Seen platform events in <c>seen_events</c>: the primary key lets exactly one replica insert an id.</summary>
public sealed class PostgresSeenEvents(PostgresDatabase db) : ISeenEventStore
{
    public async Task<bool> FirstTimeAsync(string key, DateTimeOffset at, TimeSpan keep, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.Command("DELETE FROM seen_events WHERE seen_at < @forgetBefore")
            .With("forgetBefore", Instants.ToStored(at - keep)).ExecuteAsync(cancellationToken);
        return await c.Command("INSERT INTO seen_events (key, seen_at) VALUES (@key, @at) ON CONFLICT (key) DO NOTHING")
            .With("key", key).With("at", Instants.ToStored(at)).ExecuteAsync(cancellationToken) == 1;
    }
}
