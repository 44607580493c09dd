// Spec: docs/protocols/teams-bot-framework.md, "Calls to the channel": client-credentials token for the connector,
// cached until shortly before expiry (held here, and MSAL's confidential client keeps its own cache behind it).
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace Bot.Teams.Connector;

/// <summary>The bot's bearer token for the connector, from MultiTenant (<c>botframework.com</c>) or its own tenant.</summary>
public sealed class BotTokenSource
{
    public const string HttpClientName = "teams-token";

    /// <summary>How long before its expiry a held token is fetched again: MSAL's own margin, within which it refreshes too.</summary>
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly IConfidentialClientApplication _client;
    private readonly string[] _scopes;
    private readonly TimeProvider _time;
    // MSAL's cache answers every call as well, but each lookup builds a request, its cache key, telemetry and log
    // scopes: hundreds of methods and kilobytes per call, once for every post and reply. So the token is held here.
    private HeldToken? _held;

    public BotTokenSource(IOptions<TeamsOptions> options, IHttpClientFactory http, TimeProvider time)
    {
        _time = time;
        var o = options.Value;
        var endpoint = o.ResolvedTokenEndpoint;
        // MSAL derives "{authority}/oauth2/v2.0/token" itself; the configured endpoint names it in full for clarity.
        var authority = endpoint[..^TeamsOptionsValidator.TokenPathSuffix.Length];
        _client = ConfidentialClientApplicationBuilder.Create(o.MicrosoftAppId)
            .WithClientSecret(o.MicrosoftAppPassword)
            .WithAuthority(authority, validateAuthority: false)
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new FactoryClients(http))
            .Build();
        _scopes = [o.Scope];
    }

    /// <param name="renew">Skip the cache: the connector refused the cached token (revoked, or expired early).</param>
    public async Task<BotToken> GetAsync(CancellationToken cancellationToken, bool renew = false)
    {
        if (!renew && Volatile.Read(ref _held) is { } held && _time.GetUtcNow() < held.UseUntil) return held.Token;
        try
        {
            var result = await _client.AcquireTokenForClient(_scopes).WithForceRefresh(renew).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            var issued = new BotToken.Issued(result.AccessToken);
            var useUntil = result.ExpiresOn - RefreshBefore;
            if (result.AuthenticationResultMetadata?.RefreshOn is { } refreshOn && refreshOn < useUntil) useUntil = refreshOn;
            Volatile.Write(ref _held, new HeldToken(issued, useUntil));
            return issued;
        }
        catch (MsalServiceException e) when (e.StatusCode is 400 or 401 or 403)
        {
            return new BotToken.Refused($"token endpoint refused the bot's credentials ({e.ErrorCode})");
        }
        catch (MsalException e)
        {
            return new BotToken.Unavailable($"token endpoint unavailable ({e.ErrorCode})");
        }
        catch (HttpRequestException e)
        {
            return new BotToken.Unavailable($"token endpoint unreachable ({e.HttpRequestError})");
        }
    }

    private sealed record HeldToken(BotToken.Issued Token, DateTimeOffset UseUntil);

    /// <summary>MSAL asks for an HttpClient; the host's factory supplies it (handlers, timeouts, test certificates).</summary>
    private sealed class FactoryClients(IHttpClientFactory http) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => http.CreateClient(HttpClientName);
    }
}
