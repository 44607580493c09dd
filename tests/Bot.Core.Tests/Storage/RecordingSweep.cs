using System.Threading.Channels;
using Bot.Core.Storage;

namespace Bot.Core.Tests.Storage;

/// <summary>Records each sweep's cutoff; can be told to fail once.</summary>
public sealed class RecordingSweep : IStorageSweep
{
    private readonly Channel<DateTimeOffset> _cutoffs = Channel.CreateUnbounded<DateTimeOffset>();

    public bool FailNext { get; set; }

    public Task<SweepResult> SweepAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        _cutoffs.Writer.TryWrite(cutoff);
        if (FailNext)
        {
            FailNext = false;
            throw new IOException("disk full");
        }
        return Task.FromResult(new SweepResult(1, 2, 3, 4));
    }

    /// <summary>The next sweep's cutoff, as soon as it is asked for.</summary>
    public Task<DateTimeOffset> NextAsync() => _cutoffs.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public bool AnyWaiting => _cutoffs.Reader.TryPeek(out _);
}
