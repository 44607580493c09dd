namespace Bot.Core.Alarms;

public sealed record IntakeResult(int Stored, int AlreadyKnown);
