// Spec: docs/protocols/teams-bot-framework.md: Teams allows a bot about 7 operations per second, 60 per 30 seconds
// and 1800 per hour in one conversation, and 50 per second per app per tenant: pace instead of collecting 429s.
namespace Bot.Teams.Connector;

/// <summary>
/// Hands out send slots within Teams' published limits. Every operation reserves the earliest slot that keeps
/// all windows of its conversation and its tenant under their limits, then waits for it.
/// </summary>
public sealed class ConversationPacer(TimeProvider time)
{
    public sealed record Window(int Limit, TimeSpan Span);

    // A margin: Teams counts requests where they arrive, and uneven network latency (a slow handshake for the
    // first request, none for the next) bunches arrivals that left evenly spaced.
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(200);

    public static readonly IReadOnlyList<Window> PerConversation =
    [
        new(7, TimeSpan.FromSeconds(1) + Margin),
        new(60, TimeSpan.FromSeconds(30) + Margin),
        new(1800, TimeSpan.FromHours(1) + Margin),
    ];

    public static readonly IReadOnlyList<Window> PerTenant = [new(50, TimeSpan.FromSeconds(1) + Margin)];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<DateTimeOffset>> _slots = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>Reserves a slot and waits until it comes.</summary>
    public async Task WaitTurnAsync(string conversationId, string? tenantId, CancellationToken cancellationToken)
    {
        var wait = Reserve(conversationId, tenantId);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reserves the earliest allowed slot; returns how long until it.</summary>
    public TimeSpan Reserve(string conversationId, string? tenantId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            var conversation = Slots("c:" + conversationId);
            var tenant = string.IsNullOrEmpty(tenantId) ? null : Slots("t:" + tenantId);

            var slot = now;
            slot = Earliest(conversation, PerConversation, slot);
            if (tenant is not null) slot = Earliest(tenant, PerTenant, slot);

            conversation.Add(slot);
            tenant?.Add(slot);
            return slot - now;
        }
    }

    // Slots of one key are reserved in non-decreasing order, so with N slots so far a new one at t keeps a
    // window (limit L, span S) under its limit exactly when t >= slots[N - L] + S.
    private static DateTimeOffset Earliest(List<DateTimeOffset> slots, IReadOnlyList<Window> windows, DateTimeOffset from)
    {
        var slot = slots.Count > 0 && slots[^1] > from ? slots[^1] : from;
        foreach (var window in windows)
            if (slots.Count >= window.Limit)
                slot = Max(slot, slots[slots.Count - window.Limit] + window.Span);
        return slot;
    }

    private List<DateTimeOffset> Slots(string key)
    {
        if (!_slots.TryGetValue(key, out var list)) _slots[key] = list = [];
        return list;
    }

    /// <summary>Forgets slots older than the longest window, at most once a minute.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < TimeSpan.FromMinutes(1)) return;
        _lastSweep = now;
        var horizon = now - PerConversation.Max(w => w.Span);
        foreach (var key in _slots.Keys.ToList())
        {
            var list = _slots[key];
            list.RemoveAll(t => t < horizon);
            if (list.Count == 0) _slots.Remove(key);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
