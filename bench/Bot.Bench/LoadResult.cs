namespace Bot.Bench;

/// <summary>What one closed-loop load measured.</summary>
public sealed record LoadResult(int Concurrency, int Requests, int Errors, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}
