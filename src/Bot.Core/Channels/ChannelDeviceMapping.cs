namespace Bot.Core.Channels;

/// <summary>A channel ↔ device mapping: alarms of the device go to the channel; calls from the channel may reach the device.</summary>
public sealed record ChannelDeviceMapping(string ChannelKey, string DeviceId);
