// Spec: docs/protocols/teams-bot-framework.md, "Calls to the channel": client-credentials token for the connector,
// cached until shortly before expiry (MSAL's confidential client keeps the cache).
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace Bot.Teams.Connector;

/// <summary>The bot's bearer token for the connector, from MultiTenant (<c>botframework.com</c>) or its own tenant.</summary>
public sealed class BotTokenSource
{
    public const string HttpClientName = "teams-token";

    private readonly IConfidentialClientApplication _client;
    private readonly string[] _scopes;

    public BotTokenSource(IOptions<TeamsOptions> options, IHttpClientFactory http)
    {
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
        try
        {
            var result = await _client.AcquireTokenForClient(_scopes).WithForceRefresh(renew).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return new BotToken.Issued(result.AccessToken);
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

    /// <summary>MSAL asks for an HttpClient; the host's factory supplies it (handlers, timeouts, test certificates).</summary>
    private sealed class FactoryClients(IHttpClientFactory http) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => http.CreateClient(HttpClientName);
    }
}
