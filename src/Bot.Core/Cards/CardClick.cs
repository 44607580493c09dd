using Bot.Core.Channels;

namespace Bot.Core.Cards;

/// <summary>
/// A click on a card's button as the Core reads it: who and where, the button's verb and id.
/// <paramref name="AnsweredMessageRef"/>: the clicked message's reference (as the surface's
/// <see cref="IChatSurface"/> returned it) when the surface's answer to the click replaces that message for
/// everyone (a response URL, the web chat). The alarm outbox then leaves that copy to the answer, so
/// the clicked card is written once. Null when the answer is the clicker's alone (an invoke response).
/// </summary>
public sealed record CardClick(ChatContext Context, string Verb, string Id, string? AnsweredMessageRef = null);
