using System.Collections.Concurrent;

namespace Bot.Core.Health;

/// <summary>
/// Integrations record each outcome here under their health name; their <see cref="IntegrationHealthCheck"/> reads it
/// for <c>/readyz</c>. A process-wide singleton: lock-free, since outcomes come from many threads.
/// </summary>
public sealed class IntegrationOutcomes(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IntegrationStatus> _statuses = new(StringComparer.Ordinal);

    /// <summary>When this process began to record: the time of "configured, not used yet".</summary>
    private readonly DateTimeOffset _since = time.GetUtcNow();

    public void Succeeded(string name, string detail = "ok") =>
        _statuses[name] = new IntegrationStatus(name, true, detail, time.GetUtcNow(), 0);

    public void Failed(string name, string detail) =>
        _statuses.AddOrUpdate(name,
            _ => new IntegrationStatus(name, false, detail, time.GetUtcNow(), 1),
            (_, old) => new IntegrationStatus(name, false, detail, time.GetUtcNow(), old.ConsecutiveFailures + 1));

    /// <summary>The last outcome of <paramref name="name"/>; an integration that has not been used yet counts as healthy.</summary>
    public IntegrationStatus Last(string name) =>
        _statuses.TryGetValue(name, out var status) ? status : new IntegrationStatus(name, true, "configured, not used yet", _since, 0);

    /// <summary>Every outcome recorded so far, by name.</summary>
    public IReadOnlyList<IntegrationStatus> Snapshot() =>
        _statuses.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
}
