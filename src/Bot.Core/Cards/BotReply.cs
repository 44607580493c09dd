namespace Bot.Core.Cards;

/// <summary>
/// A card for a person to read, with the plain text that goes beside it (notification, fallback).
/// <see cref="CallId"/>: the call the card is the confirmation of. A surface that can edit its messages later
/// tells the Core where it posted such a card (<see cref="ChatRequests.CardPostedAsync"/>), so expiry can edit it.
/// </summary>
public sealed record BotReply(AdaptiveCard Card, string Text)
{
    public string? CallId { get; init; }
}
