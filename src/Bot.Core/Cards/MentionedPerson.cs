namespace Bot.Core.Cards;

/// <summary>A person a card names, as the channel's platform knows them: surfaces that can mention people do (Slack <c>&lt;@U…&gt;</c>, Teams mention entities).</summary>
public sealed record MentionedPerson(string Id, string Name);
