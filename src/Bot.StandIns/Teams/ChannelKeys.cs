// Spec: docs/protocols/teams-bot-framework.md, "Requests from the channel": RS256 tokens by keys the OpenID metadata
// lists, each with the channels it is endorsed for.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bot.StandIns.Teams;

/// <summary>One RSA signing key of the stand-in channel, with the channels it is endorsed for.</summary>
public sealed class ChannelSigningKey : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public ChannelSigningKey(string kid, params string[] endorsements)
    {
        Kid = kid;
        Endorsements = endorsements;
    }

    public string Kid { get; }
    public IReadOnlyList<string> Endorsements { get; }

    /// <summary>The key as the JWKS lists it (with Bot Framework's <c>endorsements</c>).</summary>
    public JsonObject ToJwk()
    {
        var p = _rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64Url(p.Modulus!),
            ["e"] = Base64Url(p.Exponent!),
            ["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray()),
        };
    }

    public byte[] Sign(byte[] data) => _rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    public void Dispose() => _rsa.Dispose();

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What a channel token says; every field can be made wrong on purpose.</summary>
public sealed record ChannelTokenSpec
{
    public required string Audience { get; init; }
    public required string ServiceUrl { get; init; }
    public string Issuer { get; init; } = "https://api.botframework.com";
    public DateTimeOffset? IssuedAt { get; init; }
    /// <summary>Defaults to an hour after <see cref="IssuedAt"/>.</summary>
    public DateTimeOffset? Expires { get; init; }
    /// <summary>Writes <c>alg: none</c> and no signature.</summary>
    public bool Unsigned { get; init; }
    /// <summary>Leaves the <c>serviceurl</c> claim out.</summary>
    public bool WithoutServiceUrl { get; init; }
}

public static class ChannelTokens
{
    /// <summary>A compact JWT as the Bot Framework channel sends it (<c>Authorization: Bearer …</c>).</summary>
    public static string Create(ChannelSigningKey key, ChannelTokenSpec spec)
    {
        var issued = spec.IssuedAt ?? DateTimeOffset.UtcNow;
        var expires = spec.Expires ?? issued.AddHours(1);
        var header = new JsonObject { ["alg"] = spec.Unsigned ? "none" : "RS256", ["typ"] = "JWT", ["kid"] = key.Kid, ["x5t"] = key.Kid };
        var payload = new JsonObject
        {
            ["iss"] = spec.Issuer,
            ["aud"] = spec.Audience,
            ["nbf"] = issued.ToUnixTimeSeconds(),
            ["iat"] = issued.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        };
        if (!spec.WithoutServiceUrl) payload["serviceurl"] = spec.ServiceUrl;
        var signingInput = Part(header) + "." + Part(payload);
        if (spec.Unsigned) return signingInput + ".";
        return signingInput + "." + ChannelSigningKey.Base64Url(key.Sign(Encoding.ASCII.GetBytes(signingInput)));

        static string Part(JsonObject o) => ChannelSigningKey.Base64Url(Encoding.UTF8.GetBytes(o.ToJsonString(new JsonSerializerOptions())));
    }
}
