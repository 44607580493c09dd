using Bot.Testing;
using Npgsql;

namespace Bot.Bench;

/// <summary>
/// Where the benched bot keeps its state and how many replicas share it: LiteDB (one process, the default) or
/// PostgreSQL with one or more bot processes on one database. Each PostgreSQL run works in a fresh schema (the
/// bot's migrations create it), dropped afterwards, so runs never see each other's rows.
/// </summary>
public sealed record BenchStore(string Provider, int Replicas)
{
    /// <summary>The server the bench uses; else the one the tests use; else the role and database <c>.ci/run</c> creates.</summary>
    public const string Variable = "BOT_BENCH_POSTGRES";

    public static readonly BenchStore LiteDb = new("LiteDb", 1);

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);

    public string Schema { get; } = "bench_" + Guid.NewGuid().ToString("N")[..16];

    public string Label => IsPostgres ? $"PostgreSQL, {Replicas} replica{(Replicas == 1 ? "" : "s")}" : "LiteDB";

    /// <summary>Suffix of the scenario's results file, so runs on different stores in one session keep their own.</summary>
    public string FileSuffix => IsPostgres ? $"-postgres-{Replicas}" : "";

    public static BenchStore FromArguments(string[] args)
    {
        var store = args.SkipWhile(a => a != "--store").Skip(1).FirstOrDefault("litedb");
        var replicas = args.SkipWhile(a => a != "--replicas").Skip(1).Select(int.Parse).FirstOrDefault(1);
        if (string.Equals(store, "postgres", StringComparison.OrdinalIgnoreCase)) return new BenchStore("Postgres", Math.Max(1, replicas));
        if (replicas != 1) throw new ArgumentException("--replicas needs --store postgres: LiteDB is one process's file.");
        return LiteDb;
    }

    private static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable("BOT_TEST_POSTGRES") is { Length: > 0 } test ? test
        : "Host=127.0.0.1;Port=5432;Username=bot;Password=bot;Database=bot";

    /// <summary>The settings that put a replica on this store (none for LiteDB: the bot's file in its folder).</summary>
    public IEnumerable<KeyValuePair<string, string>> Settings()
    {
        if (!IsPostgres) yield break;
        yield return new("Storage:Provider", "Postgres");
        yield return new("ConnectionStrings:Bot", new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = Schema }.ConnectionString);
    }

    /// <summary>
    /// Starts the replicas one after the other (the first runs the migrations), each in a folder of its own; every
    /// one gets the same settings, as replicas behind a load balancer do.
    /// </summary>
    public async Task<BenchReplicas> StartAsync(string folder, IReadOnlyDictionary<string, string> settings, TimeSpan? readyWithin = null)
    {
        var all = new Dictionary<string, string>(settings);
        foreach (var (key, value) in Settings()) all[key] = value;
        var replicas = new List<BotProcess>();
        try
        {
            for (var r = 0; r < Replicas; r++)
            {
                var own = Replicas == 1 ? folder : Directory.CreateDirectory(Path.Combine(folder, $"replica{r}")).FullName;
                replicas.Add(await BotProcess.StartAsync(own, all, readyWithin));
            }
            return new BenchReplicas(this, [.. replicas]);
        }
        catch
        {
            foreach (var replica in replicas) await replica.DisposeAsync();
            throw;
        }
    }

    public async Task DropAsync()
    {
        if (!IsPostgres) return;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
