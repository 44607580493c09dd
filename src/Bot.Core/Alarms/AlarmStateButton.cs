using Bot.Core.Cards;
using Bot.Core.Text;

namespace Bot.Core.Alarms;

/// <summary>
/// One of the alarm card's state buttons (id = alarm id, or "id|State" as the card showed it): Acknowledge (<c>alarm.ack</c>),
/// Unacknowledge (<c>alarm.unack</c>), Resolve (<c>alarm.resolve</c>) or Reopen (<c>alarm.reopen</c>). They differ only in the
/// transition they ask for; the rules they share are <see cref="AlarmStateChanges"/>'s.
/// </summary>
public sealed class AlarmStateButton(string verb, AlarmTransition transition, AlarmStateChanges changes) : ICardActionHandler
{
    /// <summary>Every state button: its verb and the transition it asks for.</summary>
    public static readonly IReadOnlyList<(string Verb, AlarmTransition Transition)> All =
    [
        (CardVerbs.AlarmAcknowledge, AlarmTransition.Acknowledge),
        (CardVerbs.AlarmUnacknowledge, AlarmTransition.Unacknowledge),
        (CardVerbs.AlarmResolve, AlarmTransition.Resolve),
        (CardVerbs.AlarmReopen, AlarmTransition.Reopen),
    ];

    public string Verb => verb;

    public AlarmTransition Transition => transition;

    public Task<ActionResult> HandleAsync(CardClick click, Texts texts, CancellationToken cancellationToken) =>
        changes.ApplyAsync(click, transition, texts, cancellationToken);
}
