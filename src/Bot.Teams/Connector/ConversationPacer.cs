// Spec: docs/protocols/teams-bot-framework.md: Teams allows a bot about 7 operations per second, 60 per 30 seconds
// and 1800 per hour in one conversation, and 50 per second per app per tenant: pace instead of collecting 429s.
namespace Bot.Teams.Connector;

/// <summary>
/// Hands out send slots within Teams' published limits. Every operation reserves the earliest slot that keeps
/// all windows of its conversation and its tenant under their limits, then waits for it. Teams counts an
/// operation where it arrives, which lies between its send and its answer: once answered, an operation counts
/// at its answer (<see cref="ConversationTurn.Answered"/>), and a new one at its send. So no window can hold
/// more than its limit whatever the latency, without a margin on the windows; the cost is each operation's
/// answer time, not a fixed fraction of the limit.
/// </summary>
public sealed class ConversationPacer(TimeProvider time)
{
    public sealed record Window(int Limit, TimeSpan Span);

    public static readonly IReadOnlyList<Window> PerConversation =
    [
        new(7, TimeSpan.FromSeconds(1)),
        new(60, TimeSpan.FromSeconds(30)),
        new(1800, TimeSpan.FromHours(1)),
    ];

    public static readonly IReadOnlyList<Window> PerTenant = [new(50, TimeSpan.FromSeconds(1))];

    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PacedKey> _slots = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>Reserves a slot and waits until it comes; tell the turn when the answer is in.</summary>
    public async Task<ConversationTurn> WaitTurnAsync(string conversationId, string? tenantId, CancellationToken cancellationToken)
    {
        // Operations of one conversation are admitted one at a time, in order: only the first waits for the answer that
        // bounds the window. Without this, every waiting operation woke at every answer (a backlog of thousands woke
        // thousands of times a second) only for one of them to get the slot.
        SemaphoreSlim admission;
        lock (_gate) admission = Slots("c:" + conversationId).Admission;
        await admission.WaitAsync(cancellationToken).ConfigureAwait(false);
        ConversationTurn turn;
        try
        {
            turn = await ReserveWhenKnownAsync(conversationId, tenantId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            admission.Release();
        }
        try
        {
            // A timer may fire a little before the clock reaches the slot: wait until it has.
            for (var wait = turn.Slot - time.GetUtcNow(); wait > TimeSpan.Zero; wait = turn.Slot - time.GetUtcNow())
                await Task.Delay(wait < MinimumWait ? MinimumWait : wait, time, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            turn.Answered();   // never sent: it must not hold up the others
            throw;
        }
        return turn;
    }

    private async Task<ConversationTurn> ReserveWhenKnownAsync(string conversationId, string? tenantId, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task unanswered;
            lock (_gate)
            {
                // A window's count is only known once the operation that bounds it is answered: until then it may
                // still arrive at any moment, so the slot is not chosen before.
                if (Bounding(conversationId, tenantId) is not { } pending) return ReserveTurn(conversationId, tenantId);
                unanswered = pending.AnsweredTask;
            }
            await unanswered.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reserves the earliest allowed slot; returns how long until it.</summary>
    public TimeSpan Reserve(string conversationId, string? tenantId) => ReserveTurn(conversationId, tenantId).Wait;

    /// <summary>
    /// Reserves the earliest allowed slot counting every operation at its answer, or at its slot while it is in flight:
    /// how long until it, and the operation to mark answered.
    /// </summary>
    public ConversationTurn ReserveTurn(string conversationId, string? tenantId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            var conversation = Slots("c:" + conversationId);
            var tenant = string.IsNullOrEmpty(tenantId) ? null : Slots("t:" + tenantId);

            var slot = now;
            slot = Earliest(conversation.Operations, PerConversation, slot);
            if (tenant is not null) slot = Earliest(tenant.Operations, PerTenant, slot);

            var operation = new PacedOperation(slot);
            Insert(conversation.Operations, operation);
            conversation.InFlight.Add(operation);
            if (tenant is not null)
            {
                Insert(tenant.Operations, operation);
                tenant.InFlight.Add(operation);
            }
            return new ConversationTurn(this, operation, conversation, tenant, slot, slot - now);
        }
    }

    /// <summary>The operation still in flight that a new one's slot would be counted from, if any.</summary>
    private PacedOperation? Bounding(string conversationId, string? tenantId)
    {
        var pending = Bounding(Slots("c:" + conversationId), PerConversation);
        if (pending is null && !string.IsNullOrEmpty(tenantId)) pending = Bounding(Slots("t:" + tenantId), PerTenant);
        return pending;
    }

    // Operations in flight count where they were sent until answered, but may arrive later: one that sorts at or
    // before the operation bounding a window could still land inside the new one's window.
    private static PacedOperation? Bounding(PacedKey key, IReadOnlyList<Window> windows)
    {
        if (key.InFlight.Count == 0) return null;
        var slots = key.Operations;
        foreach (var window in windows)
        {
            if (slots.Count < window.Limit) continue;
            var bound = slots[slots.Count - window.Limit].CountedAt;
            foreach (var operation in key.InFlight)
                if (operation.CountedAt <= bound) return operation;
        }
        return null;
    }

    /// <summary>The answer came: the operation arrived by now at the latest, and counts here from now on.</summary>
    internal void Answered(PacedOperation operation, PacedKey conversation, PacedKey? tenant)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            operation.MarkAnswered();
            conversation.InFlight.Remove(operation);
            tenant?.InFlight.Remove(operation);
            if (now <= operation.CountedAt) return;
            conversation.Operations.Remove(operation);
            tenant?.Operations.Remove(operation);
            operation.CountedAt = now;
            Insert(conversation.Operations, operation);
            if (tenant is not null) Insert(tenant.Operations, operation);
        }
    }

    // Each key's operations are kept ordered by where they count, so with N so far a new one at t keeps a window
    // (limit L, span S) under its limit exactly when t >= counted[N - L] + S.
    private static DateTimeOffset Earliest(List<PacedOperation> slots, IReadOnlyList<Window> windows, DateTimeOffset from)
    {
        var slot = slots.Count > 0 && slots[^1].CountedAt > from ? slots[^1].CountedAt : from;
        foreach (var window in windows)
            if (slots.Count >= window.Limit)
                slot = Max(slot, slots[slots.Count - window.Limit].CountedAt + window.Span);
        return slot;
    }

    private static void Insert(List<PacedOperation> slots, PacedOperation operation)
    {
        var at = slots.Count;
        while (at > 0 && slots[at - 1].CountedAt > operation.CountedAt) at--;
        slots.Insert(at, operation);
    }

    private PacedKey Slots(string key)
    {
        if (!_slots.TryGetValue(key, out var paced)) _slots[key] = paced = new PacedKey();
        return paced;
    }

    /// <summary>Forgets slots older than the longest window, at most once a minute.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < TimeSpan.FromMinutes(1)) return;
        _lastSweep = now;
        var horizon = now - PerConversation.Max(w => w.Span);
        foreach (var key in _slots.Keys.ToList())
        {
            var paced = _slots[key];
            paced.Operations.RemoveAll(t => t.CountedAt < horizon && !paced.InFlight.Contains(t));
            if (paced.Operations.Count == 0) _slots.Remove(key);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
