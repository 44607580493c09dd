// Spec: docs/protocols/teams-bot-framework.md, "Requests from the channel": issuer, audience = app id, RS256 by a
// listed key, lifetime with 5 minutes of skew, serviceurl claim = activity serviceUrl, key endorsed for the channel.

namespace Bot.Teams.Auth;

public sealed record TokenVerdict(bool Accepted, string Reason)
{
    public static readonly TokenVerdict Ok = new(true, "ok");
    public static TokenVerdict Refused(string reason) => new(false, reason);
}
