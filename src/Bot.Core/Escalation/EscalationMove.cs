namespace Bot.Core.Escalation;

/// <summary>One step of an escalation as a card shows it: what it does, where (an escalation channel's name), and when.</summary>
public sealed record EscalationMove(EscalationAction Do, string? ChannelName, DateTimeOffset At);
