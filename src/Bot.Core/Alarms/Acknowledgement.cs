using Bot.Core.Channels;

namespace Bot.Core.Alarms;

/// <summary>Who acknowledged an alarm first, and when.</summary>
public sealed record Acknowledgement(ChatUser By, DateTimeOffset At);
