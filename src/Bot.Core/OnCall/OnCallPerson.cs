namespace Bot.Core.OnCall;

/// <summary>
/// A person on call for a channel, as the channel's platform names them (a user id, an AAD object id), with the
/// name shown on cards.
/// </summary>
public sealed record OnCallPerson(string Id, string Name);
