using Npgsql;

namespace Bot.Storage.Postgres.Tests;

/// <summary>
/// The PostgreSQL server the tests use: <see cref="Variable"/> names it (<c>.ci/run</c> sets it), else the role and
/// database <c>.ci/run</c> creates on this machine. Whether it answers is asked once per run.
/// </summary>
public static class TestDatabase
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

    /// <summary>The connection string of a schema of its own (created by the migrations, dropped by <see cref="DropSchema"/>).</summary>
    public static string InSchema(string schema) => new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;

    public static string NewSchema() => "test_" + Guid.NewGuid().ToString("N")[..20];

    public static void DropSchema(string schema)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        drop.ExecuteNonQuery();
    }
}
