namespace Bot.Core.Calls;

/// <summary>What one remote invite needs (isdp.md §2).</summary>
public sealed record Invite(string DeviceId, string IsdpDeviceId, string ChatJid, IsdpCaller? Caller);
