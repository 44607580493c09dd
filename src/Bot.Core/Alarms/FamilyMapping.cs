namespace Bot.Core.Alarms;

/// <summary>A family ↔ channel mapping: family alarms of the family go to the channel.</summary>
public sealed record FamilyMapping(string ChannelKey, string FamilyId);
