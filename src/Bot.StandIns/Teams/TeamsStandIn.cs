// Spec: docs/protocols/teams-bot-framework.md: the Bot Framework side of Teams on one local HTTPS port: OpenID
// metadata and keys, the client-credentials token endpoint, and the connector with Teams' rate limits.
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.StandIns.Teams;

/// <summary>
/// The Bot Framework and Teams' connector on a local HTTPS port (self-signed certificate for 127.0.0.1):
/// what the bot talks to in tests and the playground, with the checks and limits of the real services.
/// </summary>
public sealed class TeamsStandIn : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string MetadataPath = "/v1/.well-known/openidconfiguration";
    public const string KeysPath = "/v1/.well-known/keys";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ConnectorFault> _faults = new();
    private readonly Lock _gate = new();
    private readonly List<ConnectorCall> _calls = [];
    private readonly List<ChannelSigningKey> _extraKeys = [];
    private readonly Dictionary<string, List<DateTimeOffset>> _arrivals = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = NewSignal();
    private int _tokensIssued;
    private int _tokenRequests;
    private int _rateLimited;
    private long _nextActivity = 1_700_000_000_000;
    private AnswerHold? _hold;
    /// <summary>Activity id → conversation of every message the connector created (for a post, a send or a reply).</summary>
    private readonly ConcurrentDictionary<string, string> _created = new(StringComparer.Ordinal);

    private TeamsStandIn(WebApplication app, X509Certificate2 certificate, TeamsStandInSettings settings)
    {
        _app = app;
        _certificate = certificate;
        Settings = settings;
    }

    public TeamsStandInSettings Settings { get; }

    /// <summary>Published and endorsed for Teams.</summary>
    public ChannelSigningKey TeamsKey { get; } = new("teams-key-1", "msteams", "webchat");
    /// <summary>Published, but endorsed only for another channel.</summary>
    public ChannelSigningKey OtherChannelKey { get; } = new("skype-key-1", "skype");
    /// <summary>Never published.</summary>
    public ChannelSigningKey UnlistedKey { get; } = new("unlisted-key-1", "msteams");

    /// <summary><c>https://127.0.0.1:{port}</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The activities' <c>serviceUrl</c>: where the connector lives.</summary>
    public string ServiceUrl => BaseUrl + "/teams/";

    public string MetadataUrl => BaseUrl + MetadataPath;

    /// <summary>The token endpoint pattern for <c>Teams:TokenEndpoint</c>.</summary>
    public string TokenEndpoint => BaseUrl + "/{tenant}/oauth2/v2.0/token";

    public string CertificateThumbprint => _certificate.Thumbprint;

    /// <summary>The stand-in's certificate (PEM), for a bot in another process to trust, e.g. through <c>SSL_CERT_FILE</c>.</summary>
    public string CertificatePem => _certificate.ExportCertificatePem();

    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>When the token endpoint issued <paramref name="token"/> (null: never): each bot process fetches its own, so a call's bearer names the process that sent it.</summary>
    public DateTimeOffset? TokenIssuedAt(string token) => _tokens.TryGetValue(token, out var expires) ? expires - Settings.TokenLifetime : null;
    public int TokenRequests => Volatile.Read(ref _tokenRequests);
    /// <summary>Connector requests refused with 429 because the bot went faster than Teams allows.</summary>
    public int RateLimited => Volatile.Read(ref _rateLimited);

    public IReadOnlyList<ConnectorCall> Calls
    {
        get { lock (_gate) return [.. _calls]; }
    }

    /// <summary>Settings that point the bot at this stand-in.</summary>
    public Dictionary<string, string?> BotSettings() => new()
    {
        ["Teams:MicrosoftAppType"] = "MultiTenant",
        ["Teams:MicrosoftAppId"] = Settings.AppId,
        ["Teams:MicrosoftAppPassword"] = Settings.AppPassword,
        ["Teams:OpenIdMetadataUrl"] = MetadataUrl,
        ["Teams:TokenEndpoint"] = TokenEndpoint,
        ["Teams:Scope"] = Settings.Scope,
    };

    /// <summary>A client handler that trusts this stand-in's certificate (and what the machine trusts).</summary>
    public HttpMessageHandler CreateTrustingHandler() => new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || certificate is not null && certificate.GetCertHashString() == _certificate.Thumbprint,
        },
    };

    /// <summary>A token as the channel would send it, signed by <paramref name="key"/> (default: <see cref="TeamsKey"/>).</summary>
    public string ChannelToken(ChannelSigningKey? key = null, Func<ChannelTokenSpec, ChannelTokenSpec>? change = null)
    {
        var spec = new ChannelTokenSpec { Audience = Settings.AppId, ServiceUrl = ServiceUrl };
        return ChannelTokens.Create(key ?? TeamsKey, change is null ? spec : change(spec));
    }

    /// <summary>The next connector requests show these faults, in order.</summary>
    public void FailNext(params ConnectorFault[] faults)
    {
        foreach (var fault in faults) _faults.Enqueue(fault);
    }

    /// <summary>Holds the answer to the <paramref name="nth"/> card the connector creates from now on (a post, not an edit or a reply; see <see cref="AnswerHold"/>).</summary>
    public AnswerHold HoldPostAnswer(int nth = 1)
    {
        var hold = new AnswerHold(nth);
        Interlocked.Exchange(ref _hold, hold)?.Release();
        return hold;
    }

    /// <summary>Waits until the connector has answered calls that satisfy <paramref name="done"/>.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForAsync(Func<IReadOnlyList<ConnectorCall>, bool> done, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (done(_calls)) return [.. _calls];
                changed = _changed.Task;
            }
            try { await changed.WaitAsync(cts.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { throw new TimeoutException($"Teams stand-in: condition not met after {timeout}; {Calls.Count} connector calls"); }
        }
    }

    public static async Task<TeamsStandIn> StartAsync(TeamsStandInSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var certificate = CreateCertificate();
        var app = LoopbackServer.Create(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var standIn = new TeamsStandIn(app, certificate, settings ?? new TeamsStandInSettings());
        app.MapGet(MetadataPath, (Func<IResult>)standIn.Metadata);
        app.MapGet(KeysPath, (Func<IResult>)standIn.Keys);
        app.MapPost("/{tenant}/oauth2/v2.0/token", (Func<HttpContext, string, Task<IResult>>)standIn.IssueTokenAsync);
        app.MapPost("/teams/v3/conversations", (Func<HttpContext, Task<IResult>>)standIn.CreateConversationAsync);
        app.MapPost("/teams/v3/conversations/{conversationId}/activities", (Func<HttpContext, string, Task<IResult>>)standIn.SendAsync);
        app.MapPost("/teams/v3/conversations/{conversationId}/activities/{activityId}", (Func<HttpContext, string, string, Task<IResult>>)standIn.ReplyAsync);
        app.MapPut("/teams/v3/conversations/{conversationId}/activities/{activityId}", (Func<HttpContext, string, string, Task<IResult>>)standIn.UpdateAsync);
        standIn.BaseUrl = await LoopbackServer.StartAsync(app, cancellationToken);
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Read(ref _hold)?.Release();
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificate.Dispose();
        TeamsKey.Dispose();
        OtherChannelKey.Dispose();
        UnlistedKey.Dispose();
    }

    private IResult Metadata() => JsonAnswer.Of(new JsonObject
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = BaseUrl + "/v1/.well-known/authorize",
        ["jwks_uri"] = BaseUrl + KeysPath,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    });

    /// <summary>Adds a key to the published set, as the channel does when it rotates keys.</summary>
    public void Publish(ChannelSigningKey key)
    {
        lock (_gate) _extraKeys.Add(key);
    }

    private IResult Keys()
    {
        var keys = new JsonArray(TeamsKey.ToJwk(), OtherChannelKey.ToJwk());
        lock (_gate)
            foreach (var key in _extraKeys) keys.Add((JsonNode)key.ToJwk());
        return JsonAnswer.Of(new JsonObject { ["keys"] = keys });
    }

    private async Task<IResult> IssueTokenAsync(HttpContext context, string tenant)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (!context.Request.HasFormContentType) return OAuthError(400, "invalid_request", "AADSTS900144: body must be form-encoded");
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        if (tenant != "botframework.com" && tenant != Settings.TenantId)
            return OAuthError(400, "invalid_request", $"AADSTS90002: Tenant '{tenant}' not found.");
        if (form["grant_type"] != "client_credentials")
            return OAuthError(400, "unsupported_grant_type", "AADSTS70003: only client_credentials here");
        if (form["client_id"] != Settings.AppId || form["client_secret"] != Settings.AppPassword)
            return OAuthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        if (form["scope"] != Settings.Scope)
            return OAuthError(400, "invalid_scope", "AADSTS70011: The provided scope is not valid.");

        var token = "standin." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = DateTimeOffset.UtcNow + Settings.TokenLifetime;
        Interlocked.Increment(ref _tokensIssued);
        var seconds = (long)Settings.TokenLifetime.TotalSeconds;
        return JsonAnswer.Of(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = seconds,
            ["ext_expires_in"] = seconds,
            ["access_token"] = token,
        });
    }

    private Task<IResult> CreateConversationAsync(HttpContext context) => ConnectorAsync(context, "create", null, null);
    private Task<IResult> SendAsync(HttpContext context, string conversationId) => ConnectorAsync(context, "send", conversationId, null);
    private Task<IResult> ReplyAsync(HttpContext context, string conversationId, string activityId) => ConnectorAsync(context, "reply", conversationId, activityId);
    private Task<IResult> UpdateAsync(HttpContext context, string conversationId, string activityId) => ConnectorAsync(context, "update", conversationId, activityId);

    private async Task<IResult> ConnectorAsync(HttpContext context, string operation, string? conversationId, string? activityId)
    {
        // When the request arrived (not when it was answered): a client killed mid-request sent it before it died.
        var arrived = DateTimeOffset.UtcNow;
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToString();
        var header = context.Request.Headers.Authorization.ToString();
        var bearer = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : "";
        JsonNode? body = null;
        try { body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false); }
        catch (JsonException) { }

        if (operation == "create")
            conversationId = body?["channelData"]?["channel"]?["id"]?.GetValue<string>() ?? body?["conversationId"]?.GetValue<string>() ?? "";

        string? replyToId = null;
        int status;
        IResult result;
        TimeSpan? retryAfter = null;
        if (!_tokens.TryGetValue(bearer, out var expires) || expires < DateTimeOffset.UtcNow)
            (status, result) = (401, JsonAnswer.Of(Error("Unauthorized", "Authorization has been denied for this request."), 401));
        else if (!IsEscaped(raw, operation))
            (status, result) = (400, JsonAnswer.Of(Error("BadArgument", "Conversation id is not escaped in the path."), 400));
        else if (body is not JsonObject)
            (status, result) = (400, JsonAnswer.Of(Error("BadSyntax", "Body is not an activity."), 400));
        else if (operation is "update" or "reply" && !Exists(conversationId!, activityId!))
            (status, result) = (404, JsonAnswer.Of(Error("NotFound", "The activity was not found in this conversation."), 404));
        else if (_faults.TryDequeue(out var fault))
            (status, retryAfter, result) = (fault.Status, fault.RetryAfter, JsonAnswer.Of(Error("Fault", $"stand-in fault {fault.Status}"), fault.Status));
        else if (OverLimit(PaceKey(conversationId!)) is { } freeIn)
        {
            Interlocked.Increment(ref _rateLimited);
            (status, retryAfter, result) = (429, freeIn, JsonAnswer.Of(Error("Throttled", "Too many requests"), 429));
        }
        else
        {
            var id = Interlocked.Increment(ref _nextActivity).ToString(System.Globalization.CultureInfo.InvariantCulture);
            status = operation == "update" ? 200 : 201;
            result = operation switch
            {
                "create" => JsonAnswer.Of(new JsonObject { ["id"] = $"{conversationId};messageid={id}", ["activityId"] = id }, statusCode: 201),
                "update" => JsonAnswer.Of(new JsonObject { ["id"] = activityId }, 200),
                _ => JsonAnswer.Of(new JsonObject { ["id"] = id }, 201),
            };
            if (operation != "update") (replyToId, activityId) = (activityId, id);
            _created[id] = PaceKey(conversationId!);
        }
        if (retryAfter is { } wait) context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

        lock (_gate)
        {
            _calls.Add(new ConnectorCall(context.Request.Method, operation, conversationId!, activityId, replyToId, raw, bearer, body, status, arrived));
            _changed.TrySetResult();
            _changed = NewSignal();
        }
        if (operation is "create" or "send" && status == 201 && Volatile.Read(ref _hold) is { } hold)
            await hold.PassAsync($"{conversationId}\n{body?.ToJsonString()}").ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Counts the request against the conversation's windows; when one of them is full, how long until it has room
    /// (what Teams puts in Retry-After: a second for the short window, up to half a minute for the longer one).
    /// </summary>
    private TimeSpan? OverLimit(string key)
    {
        var now = DateTimeOffset.UtcNow;
        lock (_gate)
        {
            var conversation = Arrivals(key, Settings.ConversationLimits, now);
            var tenant = Arrivals(TenantKey, Settings.TenantLimits, now);
            var wait = Max(FreeIn(conversation, Settings.ConversationLimits, now), FreeIn(tenant, Settings.TenantLimits, now));
            if (wait is { } w) return w < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : w;
            conversation.Add(now);
            tenant.Add(now);
            return null;
        }
    }

    // Not a conversation id: conversation ids start with "19:" or "a:".
    private const string TenantKey = "tenant";

    private List<DateTimeOffset> Arrivals(string key, IReadOnlyList<(int Limit, TimeSpan Span)> limits, DateTimeOffset now)
    {
        if (!_arrivals.TryGetValue(key, out var list)) _arrivals[key] = list = [];
        var longest = limits.Count == 0 ? TimeSpan.Zero : limits.Max(w => w.Span);
        list.RemoveAll(t => now - t > longest);
        return list;
    }

    private static TimeSpan? FreeIn(List<DateTimeOffset> arrivals, IReadOnlyList<(int Limit, TimeSpan Span)> limits, DateTimeOffset now)
    {
        TimeSpan? wait = null;
        foreach (var (limit, span) in limits)
        {
            var inWindow = arrivals.Where(t => now - t < span).Order().ToList();
            if (inWindow.Count < limit) continue;
            var free = inWindow[inWindow.Count - limit] + span - now;   // when enough of them have left the window
            if (wait is null || free > wait) wait = free;
        }
        return wait;
    }

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>The connector created the activity, or the channel delivered it, in this conversation (a reply thread counts as its channel).</summary>
    private bool Exists(string conversationId, string activityId)
    {
        var conversation = PaceKey(conversationId);
        return _created.TryGetValue(activityId, out var created) && created == conversation
            || ChannelActivities.Delivered.TryGetValue(activityId, out var delivered) && PaceKey(delivered) == conversation;
    }

    private static string PaceKey(string conversationId)
    {
        var at = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? conversationId : conversationId[..at];
    }

    // The real connector cannot route ids whose ':' ';' '@' arrive raw in the path.
    private static bool IsEscaped(string rawTarget, string operation)
    {
        if (operation == "create") return true;
        var path = rawTarget.Split('?')[0];
        var segment = path["/teams/v3/conversations/".Length..].Split('/')[0];
        return segment.IndexOfAny([':', ';', '@']) < 0;
    }

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static IResult OAuthError(int status, string error, string description) =>
        JsonAnswer.Of(new JsonObject { ["error"] = error, ["error_description"] = description, ["error_codes"] = new JsonArray(7000215) }, status);

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
