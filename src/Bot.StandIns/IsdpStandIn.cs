// Spec: docs/protocols/isdp.md §1 (token) and §2 (device call), seed 000_d99d395622c457cf.txt.
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Bot.Core.Calls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.StandIns;

/// <summary>What the stand-in accepts and issues. Defaults match nothing real; tests set what they need.</summary>
public sealed record IsdpStandInSettings
{
    public string ClientId { get; init; } = "isdp-standin-openapi";
    public string ClientSecret { get; init; } = "isdp-standin-openapi";
    public string Username { get; init; } = "standin-app";
    public string Password { get; init; } = "standin-app-token";
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromSeconds(1199);
    /// <summary>The API account's identity in token responses; null leaves <c>plat_user</c> out.</summary>
    public IsdpCaller? PlatUser { get; init; } = new(640778, "TestRTC1", "sdcpo0001", 886);
    /// <summary>
    /// The namespace of the stanza's properties element, as the real Openfire checks it: a stanza using another one is
    /// refused. The default is the documented example's; null accepts any namespace (only for a test about the stand-in).
    /// </summary>
    public string? PropertiesNamespace { get; init; } = DefaultPropertiesNamespace;

    public const string DefaultPropertiesNamespace = "http://isdp-saas-sit.test.huawei.com/xmlns/xmpp/properties";
    /// <summary>Decides token expiry on the stand-in's side.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>
/// A misbehaviour an endpoint shows, once or until cleared. The token endpoint shows
/// <see cref="ServerError"/>, <see cref="Slow"/> and <see cref="MalformedBody"/>; the others concern device calls.
/// </summary>
public abstract record IsdpFault
{
    private IsdpFault() { }

    /// <summary>The presented token is revoked and the call answered 401, as ISDP does for a dead token.</summary>
    public sealed record TokenRevoked : IsdpFault;
    public sealed record ServerError(int Status = 503) : IsdpFault;
    /// <summary>Waits, then answers normally (the invite is recorded even if the client gave up).</summary>
    public sealed record Slow(TimeSpan Delay) : IsdpFault;
    public sealed record MalformedBody(string Body = "<html><body>gateway error</body></html>") : IsdpFault;
    public sealed record Refuse(string StateCode, string ErrorMessage) : IsdpFault;
}

/// <summary>One invite the device-call endpoint accepted, as ISDP would have parsed it.</summary>
public sealed record ReceivedInvite(
    string RawStanza,
    string To,
    string Id,
    string PropertiesNamespace,
    long UserId,
    string UserName,
    string UserNo,
    int TenantId,
    string DeviceId,
    string IsdpDeviceId,
    string AccessToken,
    DateTimeOffset At);

/// <summary>
/// A local ISDP on a real Kestrel port: the token endpoint and the device-call endpoint, with the
/// checks the real service makes and the faults it shows. Thread-safe; one instance per test or playground.
/// </summary>
public sealed class IsdpStandIn : IAsyncDisposable
{
    public const string TokenPath = "/oauth2/oauth/rest_token";
    public const string DeviceCallPath = "/openapi/v1/openSendImMessage/openApiSendImMessage";
    private const string Directive = "qc-intellect-equip-remote-invite";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<IsdpFault> _nextFaults = new();
    private readonly ConcurrentQueue<IsdpFault> _nextTokenFaults = new();
    private readonly Lock _invitesGate = new();
    private readonly List<ReceivedInvite> _invites = [];
    private TaskCompletionSource _inviteArrived = NewSignal();
    private IsdpFault? _persistentFault;
    private AnswerHold? _hold;
    private int _tokenRequests;
    private int _tokensIssued;
    private int _deviceCalls;

    private IsdpStandIn(WebApplication app, IsdpStandInSettings settings)
    {
        _app = app;
        Settings = settings;
    }

    public IsdpStandInSettings Settings { get; }

    /// <summary><c>http://127.0.0.1:{port}</c>, what the bot's <c>Isdp:BaseUrl</c> should be.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Settings that point the bot at this stand-in.</summary>
    public Dictionary<string, string?> BotSettings() => new()
    {
        ["Isdp:BaseUrl"] = BaseUrl,
        ["Isdp:ClientId"] = Settings.ClientId,
        ["Isdp:ClientSecret"] = Settings.ClientSecret,
        ["Isdp:Username"] = Settings.Username,
        ["Isdp:Password"] = Settings.Password,
        ["Isdp:PropertiesNamespace"] = Settings.PropertiesNamespace,
    };

    /// <summary>Requests that reached the token endpoint, whatever their answer.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>Tokens issued so far (successful sign-ins).</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Requests that reached the device-call endpoint, whatever their answer.</summary>
    public int DeviceCalls => Volatile.Read(ref _deviceCalls);

    public static async Task<IsdpStandIn> StartAsync(IsdpStandInSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var app = LoopbackServer.Create();
        var standIn = new IsdpStandIn(app, settings ?? new IsdpStandInSettings());
        app.MapPost(TokenPath, (Func<HttpContext, Task<IResult>>)standIn.IssueTokenAsync);
        app.MapPost(DeviceCallPath, (Func<HttpContext, Task<IResult>>)standIn.AcceptDeviceCallAsync);
        standIn.BaseUrl = await LoopbackServer.StartAsync(app, cancellationToken);
        return standIn;
    }

    /// <summary>The next device call shows <paramref name="fault"/>; several queue up in order.</summary>
    public void FailNext(IsdpFault fault) => _nextFaults.Enqueue(fault);

    /// <summary>Every device call shows <paramref name="fault"/> until called with null.</summary>
    public void FailAlways(IsdpFault? fault) => Volatile.Write(ref _persistentFault, fault);

    /// <summary>The next token request shows <paramref name="fault"/>; several queue up in order.</summary>
    public void FailNextToken(IsdpFault fault) => _nextTokenFaults.Enqueue(fault);

    /// <summary>Holds the answer to the <paramref name="nth"/> accepted invite from now on (see <see cref="AnswerHold"/>).</summary>
    public AnswerHold HoldInviteAnswer(int nth = 1)
    {
        var hold = new AnswerHold(nth);
        Interlocked.Exchange(ref _hold, hold)?.Release();
        return hold;
    }

    /// <summary>Every token issued so far stops being valid, as when ISDP's expiry passes or it restarts.</summary>
    public void ExpireTokens() => _tokens.Clear();

    /// <summary>The invites accepted so far, oldest first.</summary>
    public IReadOnlyList<ReceivedInvite> ReceivedInvites
    {
        get { lock (_invitesGate) return [.. _invites]; }
    }

    /// <summary>Waits until at least <paramref name="count"/> invites were accepted; returns them all.</summary>
    public async Task<IReadOnlyList<ReceivedInvite>> WaitForInvitesAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task arrived;
            lock (_invitesGate)
            {
                if (_invites.Count >= count) return [.. _invites];
                arrived = _inviteArrived.Task;
            }
            try
            {
                await arrived.WaitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"ISDP stand-in: {ReceivedInvites.Count} of {count} invites after {timeout}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Read(ref _hold)?.Release();
        await _stopping.CancelAsync().ConfigureAwait(false);
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task<IResult> IssueTokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (await AnswerFaultAsync(_nextTokenFaults.TryDequeue(out var fault) ? fault : null) is { } faulted) return faulted;
        if (!context.Request.HasJsonContentType())
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)).RootElement;
        }
        catch (JsonException)
        {
            return OAuthError(400, "invalid_request", "body is not JSON");
        }
        if (Text(body, "client_id") != Settings.ClientId || Text(body, "client_secret") != Settings.ClientSecret)
            return OAuthError(401, "invalid_client", "Bad client credentials");
        if (Text(body, "grant_type") != "password")
            return OAuthError(400, "unsupported_grant_type", "Unsupported grant type");
        if (Text(body, "username") != Settings.Username || Text(body, "password") != Settings.Password)
            return OAuthError(400, "invalid_grant", "Bad credentials");

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
        _tokens[token] = Settings.Time.GetUtcNow() + Settings.TokenLifetime;
        Interlocked.Increment(ref _tokensIssued);
        var user = Settings.PlatUser;
        var expiresIn = (long)Settings.TokenLifetime.TotalSeconds;
        return user is null
            ? JsonAnswer.Of(new JsonObject { ["access_token"] = token, ["token_type"] = "bearer", ["expires_in"] = expiresIn, ["scope"] = "all" })
            : JsonAnswer.Of(new JsonObject
            {
                ["access_token"] = token,
                ["token_type"] = "bearer",
                ["expires_in"] = expiresIn,
                ["scope"] = "all",
                ["plat_user"] = new JsonObject { ["userId"] = user.UserId, ["userNo"] = user.UserNo, ["userName"] = user.UserName, ["userType"] = "API", ["tenantId"] = user.TenantId },
            });
    }

    /// <summary>
    /// The faults both endpoints show alike: a 5xx, a body that is not JSON, or a slow answer (after which the
    /// request goes on normally). Null when the request is to be answered as usual.
    /// </summary>
    private async Task<IResult?> AnswerFaultAsync(IsdpFault? fault)
    {
        switch (fault)
        {
            case IsdpFault.ServerError error:
                return Results.Text("{\"error\":\"internal_error\"}", "application/json", statusCode: error.Status);
            case IsdpFault.MalformedBody malformed:
                return Results.Text(malformed.Body, "text/html", statusCode: 200);
            case IsdpFault.Slow slow:
                // Not RequestAborted: a real server goes on with a request its client gave up on.
                try { await Task.Delay(slow.Delay, _stopping.Token); }
                catch (OperationCanceledException) { return Results.StatusCode(503); }
                return null;
            default:
                return null;
        }
    }

    private async Task<IResult> AcceptDeviceCallAsync(HttpContext context)
    {
        Interlocked.Increment(ref _deviceCalls);
        var token = BearerToken(context.Request);
        if (token is null || !_tokens.TryGetValue(token, out var expiresAt) || Settings.Time.GetUtcNow() >= expiresAt)
            return InvalidToken();

        var fault = _nextFaults.TryDequeue(out var next) ? next : Volatile.Read(ref _persistentFault);
        if (fault is IsdpFault.TokenRevoked)
        {
            _tokens.TryRemove(token, out _);
            return InvalidToken();
        }
        if (await AnswerFaultAsync(fault) is { } faulted) return faulted;

        if (!context.Request.HasJsonContentType())
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        string? message;
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            message = doc.RootElement.ValueKind == JsonValueKind.Object ? Text(doc.RootElement, "message") : null;
        }
        catch (JsonException)
        {
            return StateCode("400", "request body is not JSON");
        }
        if (message is null)
            return StateCode("400", "message is required");

        var (invite, problem) = ParseStanza(message, token);
        if (invite is null)
            return StateCode("400", $"message is not a remote invite: {problem}");
        if (fault is IsdpFault.Refuse refuse)
            return StateCode(refuse.StateCode, refuse.ErrorMessage);

        lock (_invitesGate)
        {
            _invites.Add(invite);
            _inviteArrived.TrySetResult();
            _inviteArrived = NewSignal();
        }
        if (Volatile.Read(ref _hold) is { } hold) await hold.PassAsync(invite.DeviceId);
        return StateCode("0", null);
    }

    private (ReceivedInvite? Invite, string Problem) ParseStanza(string message, string token)
    {
        XElement root;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(message), settings);
            root = XDocument.Load(reader).Root!;
        }
        catch (XmlException ex)
        {
            return (null, $"not well-formed XML ({ex.Message})");
        }
        if (root.Name != XName.Get("message"))
            return (null, "root element is not <message>");
        var to = (string?)root.Attribute("to");
        var id = (string?)root.Attribute("id");
        if (to is null || !to.Contains('@', StringComparison.Ordinal)) return (null, "to is not a chat address");
        if (string.IsNullOrWhiteSpace(id)) return (null, "id is missing");
        if ((string?)root.Attribute("type") != "chat") return (null, "type is not chat");
        if ((string?)root.Element("subject") != Directive) return (null, "subject is not the invite directive");
        if (root.Element("body") is null) return (null, "body is missing");

        var properties = root.Elements().FirstOrDefault(e => e.Name.LocalName == "properties");
        if (properties is null || properties.Name.NamespaceName.Length == 0)
            return (null, "properties element with a namespace is missing");
        var ns = properties.Name.Namespace;
        if (Settings.PropertiesNamespace is { } expected && ns.NamespaceName != expected)
            return (null, $"properties namespace is {ns.NamespaceName}");
        if ((string?)properties.Element(ns + "directives_type") != Directive)
            return (null, "directives_type is not the invite directive");
        var attrs = properties.Element(ns + "directives_attrs");
        if (attrs is null) return (null, "directives_attrs is missing");

        try
        {
            using var json = JsonDocument.Parse(attrs.Value);
            var a = json.RootElement;
            return (new ReceivedInvite(message, to, id, ns.NamespaceName,
                a.GetProperty("userId").GetInt64(), Str(a, "userName"), Str(a, "userNo"),
                a.GetProperty("tenantId").GetInt32(), Str(a, "deviceId"), Str(a, "isdpDeviceId"),
                token, Settings.Time.GetUtcNow()), "");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (null, $"directives_attrs is not the documented JSON ({ex.Message})");
        }

        static string Str(JsonElement e, string name) =>
            e.GetProperty(name) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : throw new FormatException($"{name} is not a string");
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase) ? header["bearer ".Length..].Trim() : null;
    }

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    private static IResult InvalidToken() =>
        OAuthError(StatusCodes.Status401Unauthorized, "invalid_token", "check_token error");

    private static IResult OAuthError(int status, string error, string description) =>
        JsonAnswer.Of(new JsonObject { ["error"] = error, ["error_description"] = description }, status);

    private static IResult StateCode(string stateCode, string? errorMessage) =>
        JsonAnswer.Of(new JsonObject { ["stateCode"] = stateCode, ["errorMessage"] = errorMessage, ["result"] = null });

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
