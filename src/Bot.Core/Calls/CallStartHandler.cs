using Bot.Core.Cards;
using Bot.Core.Text;

namespace Bot.Core.Calls;

/// <summary>Start a call from a device list or an alarm card (id = device id): the confirmation card comes as a new card for the clicker.</summary>
public sealed class CallStartHandler(CallService calls) : ICardActionHandler
{
    public string Verb => CardVerbs.CallStart;

    public async Task<ActionResult> HandleAsync(CardClick click, Texts texts, CancellationToken cancellationToken) =>
        new ActionResult(Reply: await calls.RequestAsync(click.Context, click.Id, texts, cancellationToken));
}
