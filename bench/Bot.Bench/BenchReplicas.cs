using Bot.Testing;

namespace Bot.Bench;

/// <summary>The running bot processes of one bench run; disposing stops them and drops the run's schema.</summary>
public sealed class BenchReplicas(BenchStore store, BotProcess[] processes) : IAsyncDisposable
{
    public IReadOnlyList<BotProcess> Processes => processes;

    /// <summary>The replica the bench talks to where one must (a Teams install, a click).</summary>
    public BotProcess First => processes[0];

    /// <summary>Resident memory of all replicas together, in bytes.</summary>
    public long ResidentBytes() => processes.Sum(p => p.ResidentBytes());

    /// <summary>Resident memory of all replicas together by kind (<see cref="BotProcess.ResidentParts"/>), in bytes.</summary>
    public (long Anonymous, long File, long Shared) ResidentParts() =>
        processes.Select(p => p.ResidentParts()).Aggregate((0L, 0L, 0L), (sum, p) => (sum.Item1 + p.Anonymous, sum.Item2 + p.File, sum.Item3 + p.Shared));

    /// <summary>The sum of each replica's own peak (an upper bound of their peak together), in bytes.</summary>
    public long PeakResidentBytes() => processes.Sum(p => p.PeakResidentBytes());

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes) await process.DisposeAsync();
        await store.DropAsync();
    }
}
