using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Text;

namespace Bot.Core.Storms;

/// <summary>Resolve on a storm card (<c>storm.resolve</c>, id = storm id): every alarm in the storm.</summary>
public sealed class StormResolver(StormStateChanges changes) : ICardActionHandler
{
    public string Verb => CardVerbs.StormResolve;

    public Task<ActionResult> HandleAsync(CardClick click, Texts texts, CancellationToken cancellationToken) =>
        changes.ApplyAsync(click, AlarmTransition.Resolve, texts, cancellationToken);
}
