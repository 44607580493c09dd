// Spec: shared/specs/teams-bot-framework.md, "Requests from the channel": OpenID metadata, its jwks_uri,
// refreshed periodically and on an unknown kid; each key's "endorsements" name the channels it may sign for.
using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Teams.Auth;

/// <summary>The channel's signing keys at one moment, with the channels each key is endorsed for.</summary>
public sealed record SigningKeySet(IReadOnlyList<SecurityKey> Keys, IReadOnlyDictionary<string, IReadOnlyList<string>> Endorsements)
{
    public bool IsEndorsed(string? kid, string? channelId) =>
        kid is not null && channelId is not null && Endorsements.TryGetValue(kid, out var channels) &&
        channels.Contains(channelId, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Reads the OpenID metadata and key set through the IdentityModel configuration manager (which caches
/// and refreshes), and keeps the endorsements the key set lists beside each key.
/// </summary>
public sealed class ChannelSigningKeys
{
    public const string HttpClientName = "teams-openid";

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;

    public ChannelSigningKeys(IOptions<TeamsOptions> options, IHttpClientFactory http)
    {
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(
            options.Value.OpenIdMetadataUrl,
            new OpenIdConnectConfigurationRetriever(),
            new FactoryDocumentRetriever(http))
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(24),
            // An unknown kid asks for a refresh at most this often, so forged kids cannot hammer the metadata.
            RefreshInterval = TimeSpan.FromMinutes(1),
        };
    }

    public async Task<SigningKeySet> GetAsync(CancellationToken cancellationToken) =>
        Read(await _manager.GetConfigurationAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Asks for fresh metadata (a key was not found) and returns what is known afterwards.</summary>
    public async Task<SigningKeySet> RefreshAsync(CancellationToken cancellationToken)
    {
        _manager.RequestRefresh();
        return await GetAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SigningKeySet Read(OpenIdConnectConfiguration configuration)
    {
        var endorsements = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var key in configuration.JsonWebKeySet?.Keys ?? [])
        {
            if (string.IsNullOrEmpty(key.Kid)) continue;
            endorsements[key.Kid] = key.AdditionalData.TryGetValue("endorsements", out var value) ? Strings(value) : [];
        }
        return new SigningKeySet(configuration.SigningKeys.ToList(), endorsements);
    }

    // The key set parser hands unknown members over as JSON elements or plain lists, depending on version.
    private static IReadOnlyList<string> Strings(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } array =>
            array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
        string one => [one],
        IEnumerable many => many.Cast<object?>().Select(o => o switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => null,
        }).OfType<string>().ToList(),
        _ => [],
    };

    /// <summary>Fetches metadata through the host's HTTP client factory (timeouts, handlers, test certificates).</summary>
    private sealed class FactoryDocumentRetriever(IHttpClientFactory http) : IDocumentRetriever
    {
        public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
                throw new InvalidOperationException($"Refusing to read signing metadata over a non-https address: {address}");
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.GetAsync(uri, cancel).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new IOException($"Reading {address} answered HTTP {(int)response.StatusCode}");
            return await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        }
    }
}
