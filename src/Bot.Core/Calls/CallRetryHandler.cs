using Bot.Core.Cards;
using Bot.Core.Text;

namespace Bot.Core.Calls;

/// <summary>Try a failed call again (id = call id): the same atomic step as confirming, from Failed.</summary>
public sealed class CallRetryHandler(CallService calls) : ICardActionHandler
{
    public string Verb => CardVerbs.CallRetry;

    public Task<ActionResult> HandleAsync(CardClick click, Texts texts, CancellationToken cancellationToken) =>
        calls.RetryAsync(click.Context, click.Id, texts, cancellationToken);

    /// <summary>While the invite is on its way: the card says "calling".</summary>
    public Task<BotReply?> InterimAsync(CardClick click, Texts texts, CancellationToken cancellationToken) =>
        calls.CallingAsync(click.Id, texts, cancellationToken);
}
