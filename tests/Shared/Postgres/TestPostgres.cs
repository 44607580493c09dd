using Npgsql;

namespace Bot.Testing;

/// <summary>
/// The PostgreSQL server the tests use: <see cref="Variable"/> names it (<c>.ci/run</c> sets it), else the role and
/// database <c>.ci/run</c> creates on this machine. Whether it answers is asked once per run; each test works in a
/// schema of its own.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "BOT_TEST_POSTGRES";
    public const string Default = "Host=127.0.0.1;Port=5432;Username=bot;Password=bot;Database=bot";

    public static string ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : Default;

    private static readonly Lazy<string?> Unreachable = new(() =>
    {
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 5 }.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e)
        {
            return e.Message;
        }
    });

    /// <summary>Why no server answers (null: one does).</summary>
    public static string? Problem => Unreachable.Value;

    /// <summary>The connection string of a schema of its own (created by the migrations, dropped by <see cref="DropSchemaAsync"/>).</summary>
    public static string InSchema(string schema) => new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;

    public static string NewSchema() => "test_" + Guid.NewGuid().ToString("N")[..20];

    public static async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>For a <see cref="IDisposable"/> fixture.</summary>
    public static void DropSchema(string schema) => DropSchemaAsync(schema).GetAwaiter().GetResult();
}
