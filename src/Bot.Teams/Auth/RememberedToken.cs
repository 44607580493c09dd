// Spec: docs/protocols/teams-bot-framework.md, "Requests from the channel".
namespace Bot.Teams.Auth;

/// <summary>A token that passed the checks, taken again on its exact text until <see cref="Until"/> while its keys are the ones in use.</summary>
internal sealed record RememberedToken(ChannelToken Token, DateTimeOffset Until);
