// Spec: docs/protocols/teams-bot-framework.md, "Requests from the channel": OpenID metadata, its jwks_uri,
// refreshed periodically and on an unknown kid; each key's "endorsements" name the channels it may sign for.
using Microsoft.IdentityModel.Tokens;

namespace Bot.Teams.Auth;

/// <summary>The channel's signing keys at one moment, with the channels each key is endorsed for.</summary>
public sealed record SigningKeySet(IReadOnlyList<SecurityKey> Keys, IReadOnlyDictionary<string, IReadOnlyList<string>> Endorsements)
{
    public bool IsEndorsed(string? kid, string? channelId) =>
        kid is not null && channelId is not null && Endorsements.TryGetValue(kid, out var channels) &&
        channels.Contains(channelId, StringComparer.OrdinalIgnoreCase);
}
