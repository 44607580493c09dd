namespace Bot.WebChat;

/// <summary>Something shown beside a card, e.g. the stanza the playground's simulated ISDP received for a call.</summary>
public sealed record WebSideNote(string Title, string Text);
