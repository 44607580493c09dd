using System.Diagnostics;

namespace Bot.Bench;

/// <summary>What one closed-loop load run measured.</summary>
public sealed record LoadResult(int Concurrency, int Requests, int Errors, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}

/// <summary>
/// A closed loop: <c>concurrency</c> workers each send the next request as soon as the previous one is answered,
/// for a fixed time after a warm-up. Latency is measured per request, from send to the full response.
/// </summary>
public static class LoadRun
{
    /// <summary>
    /// Load before each measured run: long enough for the JIT to finish moving the hot path to optimized code (a
    /// method is recompiled only after a quiet spell of compiling; with dynamic PGO it passes an instrumented tier
    /// first), as in a bot that has been up for a while. 5 s was not: the first phase measured at a third of the same
    /// phase run again straight after.
    /// </summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(20);

    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan warmUp, TimeSpan duration, Func<HttpClient, Task<bool>> send, HttpClient client)
    {
        await Loop(concurrency, warmUp, send, client, record: null);
        var latencies = new List<double>[concurrency];
        for (var i = 0; i < concurrency; i++) latencies[i] = new List<double>(4096);
        var (elapsed, errors) = await Loop(concurrency, duration, send, client, latencies);

        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(concurrency, all.Length, errors, elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static async Task<(TimeSpan, int)> Loop(int concurrency, TimeSpan duration, Func<HttpClient, Task<bool>> send, HttpClient client, List<double>[]? record)
    {
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try { ok = await send(client); }
                catch (HttpRequestException) { ok = false; }
                catch (TaskCanceledException) { ok = false; }
                if (!ok) Interlocked.Increment(ref errors);
                record?[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return (clock.Elapsed, errors);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
