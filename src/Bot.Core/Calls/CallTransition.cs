namespace Bot.Core.Calls;

public sealed record CallTransition(bool Applied, Call? Call);
