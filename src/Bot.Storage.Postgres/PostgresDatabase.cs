using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>
/// The bot's PostgreSQL database: one pooled data source per process, and this replica's name in claims and locks.
/// Every write is one statement or one transaction; a commit PostgreSQL reports done is on its disk (synchronous_commit).
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    public PostgresDatabase(IOptions<PostgresOptions> options)
    {
        Options = options.Value;
        var builder = new NpgsqlConnectionStringBuilder(Options.ConnectionString);
        SearchPath = builder.SearchPath;
        ConnectionString = builder.ConnectionString;
        DataSource = NpgsqlDataSource.Create(builder);
    }

    public PostgresOptions Options { get; }
    public NpgsqlDataSource DataSource { get; }

    /// <summary>The connection string as configured (what connections outside the pool use: the poller's lock, the listener).</summary>
    public string ConnectionString { get; }

    /// <summary>The schema the tables live in when the connection string names one (tests: one schema per class).</summary>
    public string? SearchPath { get; }

    /// <summary>This process among the replicas: what its claims are recorded under.</summary>
    public string Replica { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default) => DataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns (rolled back when it throws).</summary>
    public async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public void Dispose() => DataSource.Dispose();

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
