using Bot.Core.Text;

namespace Bot.Core.Cards;

/// <summary>
/// One card verb (<c>call.confirm</c>, <c>alarm.ack</c>, …): a small handler registered by its feature
/// (<c>AddCalls</c>, <c>AddAlarms</c>). The verbs every surface accepts are exactly the registered ones
/// (<see cref="CardActions"/>).
/// </summary>
public interface ICardActionHandler
{
    string Verb { get; }

    Task<ActionResult> HandleAsync(CardClick click, Texts texts, CancellationToken cancellationToken);

    /// <summary>
    /// What the clicked card shows while a slow click is still being handled (a surface that must answer
    /// within seconds, e.g. an invoke). Null: the surface shows a short "working" note to the clicker only.
    /// </summary>
    Task<BotReply?> InterimAsync(CardClick click, Texts texts, CancellationToken cancellationToken) => Task.FromResult<BotReply?>(null);
}
