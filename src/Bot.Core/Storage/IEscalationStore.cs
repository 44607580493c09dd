using Bot.Core.Escalation;

namespace Bot.Core.Storage;

/// <summary>Escalation timers, durable: the next step and when it is due, moved on by compare-and-set.</summary>
public interface IEscalationStore
{
    /// <summary>Starts the alarm's escalation in the channel unless it was started already (false then).</summary>
    Task<bool> StartEscalationAsync(AlarmEscalation escalation, CancellationToken cancellationToken = default);
    /// <summary>Escalations whose next step is due by <paramref name="now"/>, soonest first.</summary>
    Task<IReadOnlyList<AlarmEscalation>> DueEscalationsAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);
    /// <summary>
    /// Marks step <paramref name="fromStep"/> done (atomically: only if it is still the next one) and sets the next step
    /// and its time; <paramref name="dueAt"/> null ends the escalation with <paramref name="endedBecause"/>. False: someone else moved it.
    /// With <paramref name="editCards"/>, the same write moves the alarm's version on and marks every copy of its card (posted or
    /// on its way) for an edit, as a change of state does, so the cards show the new progress.
    /// </summary>
    Task<bool> AdvanceEscalationAsync(string escalationId, int fromStep, int nextStep, DateTimeOffset? dueAt, string? endedBecause, bool editCards = false, CancellationToken cancellationToken = default);
    /// <summary>The alarm's escalations, one per channel it escalates from.</summary>
    Task<IReadOnlyList<AlarmEscalation>> EscalationsOfAsync(string alarmId, CancellationToken cancellationToken = default);
    /// <summary>Adds a copy of the alarm's card for <paramref name="channelKey"/> to the outbox (an escalation channel), unless it has one.</summary>
    Task<bool> AddEscalationCopyAsync(string alarmId, string channelKey, DateTimeOffset now, CancellationToken cancellationToken = default);
}
