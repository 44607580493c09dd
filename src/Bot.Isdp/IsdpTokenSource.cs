// Spec: docs/protocols/isdp.md §1 (POST {BaseUrl}/oauth2/oauth/rest_token, short-lived bearer tokens).
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Core.Calls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Isdp;

/// <summary>A bearer token and the API account it belongs to. <see cref="ToString"/> hides the token.</summary>
public sealed record IsdpAccessToken(string Value, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, IsdpCaller? PlatUser)
{
    public override string ToString() => $"IsdpAccessToken {{ ExpiresAt = {ExpiresAt:O}, PlatUser = {PlatUser} }}";
}

/// <summary>
/// Caches the ISDP access token and renews it before it runs out. Concurrent callers share one
/// renewal: the tokens live minutes, and a burst of calls must not become a burst of sign-ins.
/// A process-wide singleton.
/// </summary>
public sealed class IsdpTokenSource(
    IHttpClientFactory httpClients,
    IOptions<IsdpOptions> options,
    TimeProvider time,
    ILogger<IsdpTokenSource> logger)
{
    public const string HttpClientName = "Bot.Isdp.Token";

    /// <summary>Renew when this much of the lifetime or less is left, but never later than <see cref="MinimumMargin"/> before expiry.</summary>
    public const double RenewFraction = 0.10;
    public static readonly TimeSpan MinimumMargin = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private IsdpAccessToken? _current;
    private Task<IsdpAccessToken>? _renewal;

    /// <summary>
    /// The cached token, or a fresh one. Throws <see cref="IsdpTransportException"/> when ISDP gives none;
    /// cancelling <paramref name="cancellationToken"/> stops this caller's wait, not a renewal others share.
    /// </summary>
    public async Task<IsdpAccessToken> GetAsync(CancellationToken cancellationToken)
    {
        Task<IsdpAccessToken> renewal;
        lock (_gate)
        {
            if (_current is { } current && !NeedsRenewal(current))
                return current;
            // Task.Run keeps the renewal off this lock and off any one caller's cancellation.
            _renewal ??= Task.Run(RenewAsync, CancellationToken.None);
            renewal = _renewal;
        }
        return await renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The API account's own identity, the default caller of an invite.</summary>
    public async Task<IsdpCaller?> GetPlatUserAsync(CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken).ConfigureAwait(false)).PlatUser;

    /// <summary>
    /// Drops <paramref name="rejectedToken"/> after ISDP answered 401 for it. A token already
    /// replaced by another caller's renewal is left alone, so N callers' 401s cost one sign-in.
    /// </summary>
    public void Invalidate(string rejectedToken)
    {
        lock (_gate)
        {
            if (_current is { } current && current.Value == rejectedToken)
                _current = null;
        }
    }

    private bool NeedsRenewal(IsdpAccessToken token)
    {
        var lifetime = token.ExpiresAt - token.IssuedAt;
        var margin = TimeSpan.FromTicks(Math.Max((long)(lifetime.Ticks * RenewFraction), MinimumMargin.Ticks));
        // A token that lives less than twice the margin would never be reused; keep it for half its life.
        if (margin > lifetime / 2) margin = lifetime / 2;
        return time.GetUtcNow() >= token.ExpiresAt - margin;
    }

    private async Task<IsdpAccessToken> RenewAsync()
    {
        try
        {
            var token = await RequestAsync().ConfigureAwait(false);
            lock (_gate) _current = token;
            IsdpLog.TokenIssued(logger, (long)(token.ExpiresAt - token.IssuedAt).TotalSeconds);
            return token;
        }
        catch (IsdpTransportException ex)
        {
            IsdpLog.TokenFailed(logger, ex.Kind, ex.HttpStatus, ex.Message);
            throw;
        }
        finally
        {
            lock (_gate) _renewal = null;
        }
    }

    private async Task<IsdpAccessToken> RequestAsync()
    {
        var settings = options.Value;
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        var client = httpClients.CreateClient(HttpClientName);
        var body = new TokenRequest(settings.ClientId, settings.ClientSecret, "password", settings.Username, settings.Password);
        try
        {
            using var response = await client.PostAsJsonAsync(
                IsdpEndpoints.Token(settings), body, IsdpJsonContext.Wire.TokenRequest, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest)
                throw new IsdpTransportException(TransportFailure.Unauthorized, (int)response.StatusCode,
                    $"ISDP refused the API account's sign-in (HTTP {(int)response.StatusCode} {IsdpEndpoints.OAuthError(text)})");
            if (!response.IsSuccessStatusCode)
                throw new IsdpTransportException(TransportFailure.HttpStatus, (int)response.StatusCode,
                    $"ISDP token request answered HTTP {(int)response.StatusCode}");
            return Parse(text);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested)
        {
            throw new IsdpTransportException(TransportFailure.Timeout, null,
                $"ISDP token request took longer than {settings.Timeout.TotalSeconds:0.###} s", ex);
        }
        catch (HttpRequestException ex)
        {
            throw IsdpEndpoints.FromHttpRequestException("token request", ex);
        }
    }

    private IsdpAccessToken Parse(string text)
    {
        TokenResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(text, IsdpJsonContext.Wire.TokenResponse);
        }
        catch (JsonException)
        {
            parsed = null;
        }
        if (parsed is not { AccessToken: { Length: > 0 } value, ExpiresIn: > 0 and var expiresIn })
            throw new IsdpTransportException(TransportFailure.MalformedResponse, 200,
                "ISDP token response is not the documented JSON (access_token, expires_in)");

        var now = time.GetUtcNow();
        return new IsdpAccessToken(value, now, now.AddSeconds(expiresIn), ToCaller(parsed.PlatUser));
    }

    private static IsdpCaller? ToCaller(PlatUser? user) =>
        user is { UserId: { } id, UserName: { } name, UserNo: { } number, TenantId: { } tenant }
            ? new IsdpCaller(id, name, number, tenant)
            : null;
}
