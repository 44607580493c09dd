namespace Bot.Host.Tests.Support;

/// <summary>
/// A test that needs a PostgreSQL server. Without one it reports itself skipped with the reason, except in CI
/// (<c>CI=true</c>), where <c>.ci/run</c> starts one and a skip would hide a fault.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true" && TestPostgres.Problem is { } problem)
            Skip = $"No PostgreSQL server answers at {TestPostgres.Variable} (or the default {TestPostgres.Default}): {problem}. .ci/run starts one.";
    }
}
