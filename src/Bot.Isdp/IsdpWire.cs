// Spec: docs/protocols/isdp.md §1 (token request/response) and §2 (device call request/response).
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Isdp;

/// <summary>
/// The <c>directives_attrs</c> JSON of a remote invite. Property order is the seed's order; the
/// device firmware is the reader, so we do not reorder what the documented example shows.
/// </summary>
public sealed record DirectivesAttrs(
    [property: JsonPropertyName("userId")] long UserId,
    [property: JsonPropertyName("userName")] string UserName,
    [property: JsonPropertyName("userNo")] string UserNo,
    [property: JsonPropertyName("tenantId")] int TenantId,
    [property: JsonPropertyName("deviceId")] string DeviceId,
    [property: JsonPropertyName("isdpDeviceId")] string IsdpDeviceId);

internal sealed record TokenRequest(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("password")] string Password);

internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("plat_user")] PlatUser? PlatUser);

internal sealed record PlatUser(
    [property: JsonPropertyName("userId")] long? UserId,
    [property: JsonPropertyName("userNo")] string? UserNo,
    [property: JsonPropertyName("userName")] string? UserName,
    [property: JsonPropertyName("tenantId")] int? TenantId);

internal sealed record SendImMessageRequest([property: JsonPropertyName("message")] string Message);

internal sealed record SendImMessageResponse(
    [property: JsonPropertyName("stateCode")] string? StateCode,
    [property: JsonPropertyName("errorMessage")] string? ErrorMessage);

[JsonSerializable(typeof(DirectivesAttrs))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(SendImMessageRequest))]
[JsonSerializable(typeof(SendImMessageResponse))]
internal sealed partial class IsdpJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Chinese names stay readable (the seed sends them raw). The relaxed encoder leaves
    /// <c>&lt; &amp; "</c>-style HTML characters alone; that is safe because every value ends up
    /// either inside a JSON string the HTTP body carries, or as XML text the XmlWriter escapes.
    /// Control characters are still written as <c>\uXXXX</c>, which is what lets the stanza carry them.
    /// </summary>
    public static IsdpJsonContext Wire { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
