using System.Reflection;
using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>
/// Creates and upgrades the schema from the numbered scripts in <c>Migrations/</c> (embedded), each applied once and
/// recorded in <c>schema_migrations</c>. All of it runs in one transaction under a transaction-level advisory lock, so
/// replicas starting at once apply each script once: the others wait for the lock and then find nothing left to do.
/// </summary>
public static class PostgresMigrations
{
    /// <summary>The advisory lock key of migrations (any constant no other lock of the bot uses).</summary>
    public const long LockKey = 0x626f_7400_0001;

    public static IReadOnlyList<(string Name, string Sql)> Scripts { get; } = Load();

    /// <summary>Applies what is missing; returns the names of the scripts applied now.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(PostgresDatabase db, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        if (db.SearchPath is { Length: > 0 } schema)
        {
            await using var create = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {Quote(schema.Split(',')[0].Trim())}", connection);
            try { await create.ExecuteNonQueryAsync(cancellationToken); }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation) { } // created by a replica beside this one
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", LockKey));
        await Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = new NpgsqlCommand("SELECT name FROM schema_migrations", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
        var now = new List<string>();
        foreach (var (name, sql) in Scripts)
        {
            if (applied.Contains(name)) continue;
            await Execute(connection, sql, cancellationToken);
            await Execute(connection, "INSERT INTO schema_migrations (name) VALUES (@name)", cancellationToken, ("name", name));
            now.Add(name);
        }
        await transaction.CommitAsync(cancellationToken);
        return now;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string identifier) => "\"" + identifier.Trim('"').Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static List<(string, string)> Load()
    {
        var assembly = typeof(PostgresMigrations).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Migrations/", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n["Migrations/".Length..^".sql".Length], Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
