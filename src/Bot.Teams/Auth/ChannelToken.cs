// Spec: docs/protocols/teams-bot-framework.md, "Requests from the channel": issuer, audience = app id, RS256 by a
// listed key, lifetime with 5 minutes of skew, serviceurl claim = activity serviceUrl, key endorsed for the channel.
using Microsoft.IdentityModel.JsonWebTokens;

namespace Bot.Teams.Auth;

/// <summary>A token that passed the checks that need no activity; <see cref="Verdict"/> finishes with the activity.</summary>
public sealed record ChannelToken(JsonWebToken Token, string KeyId, SigningKeySet Keys);
