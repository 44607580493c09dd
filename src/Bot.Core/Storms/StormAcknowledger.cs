using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Text;

namespace Bot.Core.Storms;

/// <summary>Acknowledge on a storm card (<c>storm.ack</c>, id = storm id): every alarm in the storm.</summary>
public sealed class StormAcknowledger(StormStateChanges changes) : ICardActionHandler
{
    public string Verb => CardVerbs.StormAcknowledge;

    public Task<ActionResult> HandleAsync(CardClick click, Texts texts, CancellationToken cancellationToken) =>
        changes.ApplyAsync(click, AlarmTransition.Acknowledge, texts, cancellationToken);
}
