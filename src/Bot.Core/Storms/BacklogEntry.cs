namespace Bot.Core.Storms;

/// <summary>A waiting card to fold into its channel's backlog summary: its delivery, its alarm, the alarm's device (if any) and when the bot took it.</summary>
public sealed record BacklogEntry(string DeliveryId, string AlarmId, string? DeviceId, DateTimeOffset ReceivedAt);
