namespace Bot.Core.Cards;

/// <summary>A card for a person to read, with the plain text that goes beside it (notification, fallback).</summary>
public sealed record BotReply(AdaptiveCard Card, string Text);

/// <summary>
/// What a click on a card leads to. <see cref="UpdatedCard"/> replaces the clicked card for everyone
/// who sees it; <see cref="Reply"/> is a new card for the clicker (e.g. a confirmation started from an
/// alarm card); <see cref="Notice"/> is a short note for the clicker only, leaving the card as it is.
/// </summary>
public sealed record ActionResult(BotReply? UpdatedCard = null, BotReply? Reply = null, string? Notice = null)
{
    public static ActionResult Note(string notice) => new(Notice: notice);
}
