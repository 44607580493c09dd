using Bot.Storage.Postgres.Tests;

namespace Bot.Storage.Conformance;

/// <summary>
/// A test on a real PostgreSQL server. Without a reachable server it reports itself skipped with the reason, except in
/// CI (<c>CI=true</c>), where <c>.ci/run</c> starts one and a skip would hide a fault: there it runs and fails.
/// </summary>
public sealed class StoreFactAttribute : FactAttribute
{
    public StoreFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && TestPostgres.Problem is { } problem)
            Skip = $"No PostgreSQL server answers at {TestPostgres.Variable} (or the default {TestPostgres.Default}): {problem}. .ci/run starts one.";
    }
}
