using System.Collections.Concurrent;

namespace Bot.Core.Storage;

/// <summary>The seen events of one process, in memory: enough when one process takes every request (LiteDB).</summary>
public sealed class InProcessSeenEvents : ISeenEventStore
{
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    public Task<bool> FirstTimeAsync(string key, DateTimeOffset at, TimeSpan keep, CancellationToken cancellationToken = default)
    {
        if (_seen.Count >= MaxEntries)
            foreach (var (id, seenAt) in _seen)
                if (at - seenAt > keep) _seen.TryRemove(id, out _);
        return Task.FromResult(_seen.TryAdd(key, at));
    }
}
