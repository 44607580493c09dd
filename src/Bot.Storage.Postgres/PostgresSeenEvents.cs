using Bot.Core.Storage;
using Dapper;

namespace Bot.Storage.Postgres;

/// <summary>Seen platform events in <c>seen_events</c>: the primary key lets exactly one replica insert an id.</summary>
public sealed class PostgresSeenEvents(PostgresDatabase db) : ISeenEventStore
{
    public async Task<bool> FirstTimeAsync(string key, DateTimeOffset at, TimeSpan keep, CancellationToken cancellationToken = default)
    {
        await using var c = await db.OpenAsync(cancellationToken);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM seen_events WHERE seen_at < @forgetBefore",
            new { forgetBefore = Instants.ToStored(at - keep) }, cancellationToken: cancellationToken));
        return await c.ExecuteAsync(new CommandDefinition("INSERT INTO seen_events (key, seen_at) VALUES (@key, @at) ON CONFLICT (key) DO NOTHING",
            new { key, at = Instants.ToStored(at) }, cancellationToken: cancellationToken)) == 1;
    }
}
