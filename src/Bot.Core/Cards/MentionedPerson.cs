namespace Bot.Core.Cards;

/// <summary>A person a card names, as the channel's platform knows them: surfaces that can mention people write their own mention of them.</summary>
public sealed record MentionedPerson(string Id, string Name);
