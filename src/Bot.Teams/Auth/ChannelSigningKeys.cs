// Spec: docs/protocols/teams-bot-framework.md, "Requests from the channel": OpenID metadata, its jwks_uri,
// refreshed periodically and on an unknown kid; each key's "endorsements" name the channels it may sign for.
using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Bot.Teams.Auth;

/// <summary>
/// Reads the OpenID metadata and key set with IdentityModel's retriever, keeps them for a day, refreshes at once
/// (at most once a minute) when a token names an unknown kid, and keeps the endorsements listed beside each key.
/// The IdentityModel configuration manager refreshes in the background after a request, so the token that
/// revealed a rotation would still fail; this cache answers with the fresh keys to that very request.
/// </summary>
public sealed class ChannelSigningKeys(IOptions<TeamsOptions> options, IHttpClientFactory http, TimeProvider time)
{
    public const string HttpClientName = "teams-openid";
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    /// <summary>An unknown kid forces a re-read at most this often, so forged kids cannot hammer the metadata.</summary>
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _fetch = new(1, 1);
    private readonly FactoryDocumentRetriever _retriever = new(http);
    private SigningKeySet? _current;
    private DateTimeOffset _fetchedAt;

    /// <summary>The keys in use now, without reading anything; null when none were read yet or they are due for a re-read.</summary>
    public SigningKeySet? Current =>
        Volatile.Read(ref _current) is { } current && time.GetUtcNow() - _fetchedAt < MaxAge ? current : null;

    public Task<SigningKeySet> GetAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _current) is { } current && time.GetUtcNow() - _fetchedAt < MaxAge
            ? Task.FromResult(current)
            : FetchAsync(force: false, cancellationToken);

    /// <summary>Reads the metadata again (a token named a key we do not know), unless that happened within a minute.</summary>
    public Task<SigningKeySet> RefreshAsync(CancellationToken cancellationToken) => FetchAsync(force: true, cancellationToken);

    private async Task<SigningKeySet> FetchAsync(bool force, CancellationToken cancellationToken)
    {
        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var age = time.GetUtcNow() - _fetchedAt;
            if (_current is { } current && (force ? age < MinRefreshInterval : age < MaxAge)) return current;
            try
            {
                var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(options.Value.OpenIdMetadataUrl, _retriever, cancellationToken).ConfigureAwait(false);
                _fetchedAt = time.GetUtcNow();
                Volatile.Write(ref _current, Read(configuration));
                return _current!;
            }
            catch (Exception) when (_current is { } stale && !cancellationToken.IsCancellationRequested)
            {
                // The channel's metadata is briefly unreachable: the keys we have stay good until it answers.
                return stale;
            }
        }
        finally
        {
            _fetch.Release();
        }
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
