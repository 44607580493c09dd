// Spec: docs/protocols/slack.md "Events API": a retry (X-Slack-Retry-Num) must not repeat side effects.
using System.Collections.Concurrent;

namespace Bot.Slack;

/// <summary>Event ids handled recently. Slack retries within about an hour, so that is how long an id is kept.</summary>
public sealed class SlackEventLog(TimeProvider time)
{
    public static readonly TimeSpan Keep = TimeSpan.FromHours(2);
    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>True exactly once per event id (atomically, even for concurrent deliveries).</summary>
    public bool FirstTime(string eventId)
    {
        var now = time.GetUtcNow();
        if (_seen.Count >= MaxEntries)
            foreach (var (id, at) in _seen)
                if (now - at > Keep) _seen.TryRemove(id, out _);
        return _seen.TryAdd(eventId, now);
    }
}
