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

    /// <summary>The sum of each replica's own peak (an upper bound of their peak together), in bytes.</summary>
    public long PeakResidentBytes() => processes.Sum(p => p.PeakResidentBytes());

    public async ValueTask DisposeAsync()
    {
        foreach (var process in processes) await process.DisposeAsync();
        await store.DropAsync();
    }
}
