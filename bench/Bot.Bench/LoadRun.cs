using System.Diagnostics;

namespace Bot.Bench;

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

    /// <summary>
    /// Rounds the measured time is cut into. The bot and the floor take turns, one slice each per round, the first
    /// alternating (bot–floor, floor–bot, …): this machine's speed drifts by a quarter or more over a minute (other
    /// tenants of the host), and measured one after the other the two rows caught different machines.
    /// </summary>
    public const int Rounds = 6;

    /// <summary>Warms both up, then measures them in turns for <paramref name="duration"/> each in all.</summary>
    public static async Task<LoadComparison> CompareAsync(int concurrency, TimeSpan warmUp, TimeSpan duration, Func<Task<bool>> bot, Func<Task<bool>> floor)
    {
        await Loop(concurrency, warmUp, bot, record: null);
        await Loop(concurrency, warmUp, floor, record: null);
        var botLoad = new Recording(concurrency);
        var floorLoad = new Recording(concurrency);
        var shares = new List<double>(Rounds);
        var slice = duration / Rounds;
        for (var round = 0; round < Rounds; round++)
        {
            double botRate, floorRate;
            if (round % 2 == 0)
            {
                botRate = await botLoad.MeasureAsync(slice, bot);
                floorRate = await floorLoad.MeasureAsync(slice, floor);
            }
            else
            {
                floorRate = await floorLoad.MeasureAsync(slice, floor);
                botRate = await botLoad.MeasureAsync(slice, bot);
            }
            shares.Add(botRate / floorRate);
        }
        return new LoadComparison(botLoad.Result(), floorLoad.Result(), shares);
    }

    private static async Task<(TimeSpan, int)> Loop(int concurrency, TimeSpan duration, Func<Task<bool>> send, List<double>[]? record)
    {
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try { ok = await send(); }
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

    /// <summary>One target's measured slices added up.</summary>
    private sealed class Recording(int concurrency)
    {
        private readonly List<double>[] _latencies = Enumerable.Range(0, concurrency).Select(_ => new List<double>(16_384)).ToArray();
        private TimeSpan _elapsed;
        private int _errors;

        /// <summary>Measures one slice; its requests per second.</summary>
        public async Task<double> MeasureAsync(TimeSpan slice, Func<Task<bool>> send)
        {
            var before = _latencies.Sum(l => l.Count);
            var (elapsed, errors) = await Loop(concurrency, slice, send, _latencies);
            _elapsed += elapsed;
            _errors += errors;
            return (_latencies.Sum(l => l.Count) - before) / elapsed.TotalSeconds;
        }

        public LoadResult Result()
        {
            var all = _latencies.SelectMany(l => l).Order().ToArray();
            return new LoadResult(concurrency, all.Length, _errors, _elapsed, Percentile(all, 0.50), Percentile(all, 0.99));
        }
    }
}
