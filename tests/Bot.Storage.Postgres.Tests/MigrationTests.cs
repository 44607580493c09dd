using Bot.Storage.Conformance;
using Npgsql;

namespace Bot.Storage.Postgres.Tests;

/// <summary>Replicas that start at once migrate one schema once: the advisory lock lets one apply, the others find it done.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string _schema = TestPostgres.NewSchema();

    public void Dispose() => TestPostgres.DropSchema(_schema);

    [StoreFact]
    public async Task Replicas_starting_at_once_apply_each_script_exactly_once()
    {
        var replicas = Enumerable.Range(0, 6).Select(_ => new PostgresDatabase(Microsoft.Extensions.Options.Options.Create(
            new PostgresOptions { ConnectionString = TestPostgres.InSchema(_schema) }))).ToList();
        try
        {
            var applied = await Task.WhenAll(replicas.Select(r => Task.Run(() => PostgresMigrations.ApplyAsync(r))));

            Assert.Equal(PostgresMigrations.Scripts.Select(s => s.Name), applied.SelectMany(a => a));
            await using var c = await replicas[0].OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*)::int FROM schema_migrations", c);
            Assert.Equal(PostgresMigrations.Scripts.Count, (int)(await count.ExecuteScalarAsync())!);
            Assert.Empty(await PostgresMigrations.ApplyAsync(replicas[1]));
        }
        finally
        {
            foreach (var r in replicas) await r.DisposeAsync();
        }
    }
}
