namespace Bot.Core.Channels;

/// <summary>
/// A chat platform the bot speaks, registered by its adapter (its name is the first part of channel keys).
/// Adapters register it even when switched off, so stored channels and seed files naming it stay valid.
/// </summary>
public sealed record KnownPlatform(string Name);
