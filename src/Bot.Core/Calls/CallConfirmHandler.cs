using Bot.Core.Cards;
using Bot.Core.Text;

namespace Bot.Core.Calls;

/// <summary>The person who asked clicks Call (id = call id): exactly one invite however many clicks arrive.</summary>
public sealed class CallConfirmHandler(CallService calls) : ICardActionHandler
{
    public string Verb => CardVerbs.CallConfirm;

    public Task<ActionResult> HandleAsync(CardClick click, Texts texts, CancellationToken cancellationToken) =>
        calls.ConfirmAsync(click.Context, click.Id, texts, cancellationToken);

    /// <summary>While the invite is on its way: the card says "calling".</summary>
    public Task<BotReply?> InterimAsync(CardClick click, Texts texts, CancellationToken cancellationToken) =>
        calls.CallingAsync(click.Id, texts, cancellationToken);
}
