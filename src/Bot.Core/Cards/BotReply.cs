namespace Bot.Core.Cards;

/// <summary>A card for a person to read, with the plain text that goes beside it (notification, fallback).</summary>
public sealed record BotReply(AdaptiveCard Card, string Text);
