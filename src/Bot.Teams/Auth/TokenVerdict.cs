// Spec: shared/specs/teams-bot-framework.md, "Requests from the channel": issuer, audience = app id, RS256 by a
// listed key, lifetime with 5 minutes of skew, serviceurl claim = activity serviceUrl, key endorsed for the channel.
using Bot.Core.Health;
using Bot.Teams.Activities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Teams.Auth;

public sealed record TokenVerdict(bool Accepted, string Reason)
{
    public static readonly TokenVerdict Ok = new(true, "ok");
    public static TokenVerdict Refused(string reason) => new(false, reason);
}
