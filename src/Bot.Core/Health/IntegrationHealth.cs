using System.Collections.Concurrent;

namespace Bot.Core.Health;

/// <summary>The last outcome of one integration (ISDP, an alarm source, Slack, Teams), shown by <c>/readyz</c>.</summary>
public sealed record IntegrationStatus(string Name, bool Healthy, string Detail, DateTimeOffset At, int ConsecutiveFailures);

/// <summary>
/// Integrations report each outcome here; <c>/readyz</c> reads it. A process-wide singleton:
/// lock-free, since reports come from many threads.
/// </summary>
public sealed class IntegrationHealth(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IntegrationStatus> _statuses = new(StringComparer.Ordinal);

    public void Configured(string name) =>
        _statuses.TryAdd(name, new IntegrationStatus(name, true, "configured, not used yet", time.GetUtcNow(), 0));

    public void Succeeded(string name, string detail = "ok") =>
        _statuses[name] = new IntegrationStatus(name, true, detail, time.GetUtcNow(), 0);

    public void Failed(string name, string detail) =>
        _statuses.AddOrUpdate(name,
            _ => new IntegrationStatus(name, false, detail, time.GetUtcNow(), 1),
            (_, old) => new IntegrationStatus(name, false, detail, time.GetUtcNow(), old.ConsecutiveFailures + 1));

    public IReadOnlyList<IntegrationStatus> Snapshot() =>
        _statuses.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
}
