using Bot.Core.Cards;
using Bot.Core.Text;

namespace Bot.Core.Calls;

/// <summary>Cancel a call still waiting for confirmation (id = call id).</summary>
public sealed class CallCancelHandler(CallService calls) : ICardActionHandler
{
    public string Verb => CardVerbs.CallCancel;

    public Task<ActionResult> HandleAsync(CardClick click, Texts texts, CancellationToken cancellationToken) =>
        calls.CancelAsync(click.Context, click.Id, texts, cancellationToken);
}
