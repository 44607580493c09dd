// Spec: docs/protocols/teams-bot-framework.md, "Requests from the channel": issuer, audience = app id, RS256 by a
// listed key, lifetime with 5 minutes of skew, serviceurl claim = activity serviceUrl, key endorsed for the channel.
using Bot.Core.Health;
using Bot.Teams.Activities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Teams.Auth;

/// <summary>Decides whether a request really comes from the Bot Framework channel for this bot.</summary>
public sealed class ChannelTokenValidator(ChannelSigningKeys signingKeys, IOptions<TeamsOptions> options, IntegrationOutcomes health, TimeProvider time)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    public const string ServiceUrlClaim = "serviceurl";
    public const string TeamsChannelId = "msteams";

    /// <summary>Tokens remembered as valid: the channel sends one token for many requests until it expires.</summary>
    public const int MaxRemembered = 1024;

    /// <summary>
    /// How long a checked token is taken on its exact text without checking its signature again (less when it expires
    /// sooner): short, so a token is re-checked a few times in its hour, whatever happens to the keys in between.
    /// </summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RememberedToken> _validated = new(StringComparer.Ordinal);

    /// <summary>Signature, issuer, audience and lifetime. Null with a reason when refused.</summary>
    public async Task<(ChannelToken? Token, string Reason)> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization) || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return (null, "no bearer token");
        var raw = authorization["Bearer ".Length..].Trim();
        if (raw.Length == 0 || raw.Length > 16 * 1024) return (null, "token is not a JWT");

        // The same text was checked before (signature, issuer, audience) with the keys still in use: only the lifetime
        // can have changed. This saves parsing and the signature check on nearly every request of a token's hour.
        if (_validated.TryGetValue(raw, out var known))
        {
            if (known.Until > time.GetUtcNow() && ReferenceEquals(known.Token.Keys, signingKeys.Current) && InLifetime(known.Token.Token))
                return (known.Token, "ok");
            _validated.TryRemove(raw, out _);
        }
        if (!_handler.CanReadToken(raw)) return (null, "token is not a JWT");

        SigningKeySet keys;
        try
        {
            keys = await signingKeys.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Every Teams request fails until the metadata answers: /readyz should say so.
            health.Failed(TeamsHealth.Name, $"channel signing keys unavailable ({e.GetType().Name})");
            return (null, $"signing keys unavailable ({e.GetType().Name})");
        }

        var result = await _handler.ValidateTokenAsync(raw, Parameters(keys)).ConfigureAwait(false);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The channel may have rotated its keys since we last looked.
            try { keys = await signingKeys.RefreshAsync(cancellationToken).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException) { return (null, $"signing keys unavailable ({e.GetType().Name})"); }
            result = await _handler.ValidateTokenAsync(raw, Parameters(keys)).ConfigureAwait(false);
        }
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
            return (null, result.Exception?.GetType().Name ?? "invalid token");
        if (token.Alg != SecurityAlgorithms.RsaSha256 || string.IsNullOrEmpty(token.Kid))
            return (null, "token is not RS256 with a key id");
        var accepted = new ChannelToken(token, token.Kid, keys);
        if (_validated.Count >= MaxRemembered) _validated.Clear();
        var expires = new DateTimeOffset(token.ValidTo.ToUniversalTime(), TimeSpan.Zero);
        var now = time.GetUtcNow();
        _validated[raw] = new RememberedToken(accepted, expires < now + RememberFor ? expires : now + RememberFor);
        return (accepted, "ok");
    }

    /// <summary>The checks that bind the token to this activity.</summary>
    public static TokenVerdict Verdict(ChannelToken token, Activity activity)
    {
        if (!token.Token.TryGetPayloadValue<string>(ServiceUrlClaim, out var claimed) || string.IsNullOrWhiteSpace(claimed))
            return TokenVerdict.Refused("token has no serviceurl claim");
        if (!SameServiceUrl(claimed, activity.ServiceUrl))
            return TokenVerdict.Refused("serviceurl claim differs from the activity");
        if (!string.Equals(activity.ChannelId, TeamsChannelId, StringComparison.OrdinalIgnoreCase))
            return TokenVerdict.Refused("activity is not from Teams");
        if (!token.Keys.IsEndorsed(token.KeyId, activity.ChannelId))
            return TokenVerdict.Refused("signing key is not endorsed for the channel");
        return TokenVerdict.Ok;
    }

    private static bool SameServiceUrl(string claimed, string? actual) =>
        actual is not null && string.Equals(claimed.TrimEnd('/'), actual.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private TokenValidationParameters Parameters(SigningKeySet keys) => new()
    {
        ValidIssuer = options.Value.ChannelIssuer,
        ValidAudience = options.Value.MicrosoftAppId,
        IssuerSigningKeys = keys.Keys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        // Only the key the token names may have signed it, so endorsements are read for the right key.
        TryAllIssuerSigningKeys = false,
        ClockSkew = ClockSkew,
        LifetimeValidator = ValidLifetime,
    };

    private bool InLifetime(JsonWebToken token) => ValidLifetime(token.ValidFrom, token.ValidTo, token, null);

    private bool ValidLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters? parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null || now > expires.Value.ToUniversalTime() + ClockSkew) return false;
        return notBefore is null || now >= notBefore.Value.ToUniversalTime() - ClockSkew;
    }
}
