namespace Bot.Core.Calls;

/// <summary>One line of the call audit: who, where, device, when, what happened.</summary>
public sealed record CallAuditEntry(
    string CallId,
    string DeviceId,
    string ChannelKey,
    string UserKey,
    string UserName,
    DateTimeOffset At,
    string Event,
    string? Detail);
