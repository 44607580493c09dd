// Spec: docs/protocols/isdp.md §1–2: the two OpenAPI paths, relative to the per-site BaseUrl.
using System.Net.Http;
using System.Text.Json;
using Bot.Core.Calls;

namespace Bot.Isdp;

internal static class IsdpEndpoints
{
    public static Uri Token(IsdpOptions options) => Under(options.BaseUrl, "oauth2/oauth/rest_token");

    public static Uri SendImMessage(IsdpOptions options) =>
        Under(options.BaseUrl, "openapi/v1/openSendImMessage/openApiSendImMessage");

    // BaseUrl may carry a path prefix behind a gateway; keep it.
    private static Uri Under(string baseUrl, string path) => new(baseUrl.TrimEnd('/') + "/" + path, UriKind.Absolute);

    public static IsdpTransportException FromHttpRequestException(string exchange, HttpRequestException ex) =>
        ex.HttpRequestError == HttpRequestError.InvalidResponse
            ? new IsdpTransportException(TransportFailure.MalformedResponse, null, $"ISDP {exchange}: invalid HTTP response", ex)
            : new IsdpTransportException(TransportFailure.Unreachable, null, $"ISDP {exchange}: {ex.HttpRequestError} ({ex.Message})", ex);

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64];

    /// <summary>The OAuth2 <c>error</c> code of a failed sign-in, for the log and the person reading it.</summary>
    public static string OAuthError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                   && doc.RootElement.TryGetProperty("error", out var error)
                   && error.ValueKind == JsonValueKind.String
                ? Truncate(error.GetString() ?? "")
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
