namespace Bot.Core.Cards;

/// <summary>
/// What a click on a card leads to. <see cref="UpdatedCard"/> is the clicked card's new look, the answer to the
/// click; <see cref="Reply"/> is a new card for the clicker (e.g. a confirmation started from an alarm card);
/// <see cref="Notice"/> is a short note for the clicker only, leaving the card as it is.
/// </summary>
public sealed record ActionResult(BotReply? UpdatedCard = null, BotReply? Reply = null, string? Notice = null)
{
    /// <summary>
    /// The posted copies of the clicked card are edited by the Core's outbox (an alarm's state changed): a surface
    /// shows <see cref="UpdatedCard"/> as its answer to the click but never edits a message itself for it. False:
    /// the surface replaces the clicked card with <see cref="UpdatedCard"/> for everyone (the call cards).
    /// </summary>
    public bool OutboxEditsCopies { get; init; }

    public static ActionResult Note(string notice) => new(Notice: notice);
}
