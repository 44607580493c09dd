// Spec: docs/protocols/tencent-iot.md §1–§5: sign-in (appapi, signed) and AppGetMessages (tokenapi).
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.TencentIot;

/// <summary>
/// The bot as one service user of the customer's IoT Explorer application. Keeps the access token,
/// signs in again before <c>ExpireAt</c> and at once when Tencent calls the token invalid (then
/// repeats the call once). Every request carries a fresh <c>RequestId</c>, which is logged.
/// A process-wide singleton.
/// </summary>
public sealed partial class TencentClient(
    IHttpClientFactory httpClients,
    IOptions<TencentOptions> options,
    TimeProvider time,
    ILogger<TencentClient> log) : ITencentMessageList
{
    public const string HttpClientName = "Bot.TencentIot";

    /// <summary>Sign in again when this much of the token's life is left (at least a minute, at most half of it).</summary>
    public static readonly TimeSpan RenewMargin = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _signIn = new(1, 1);
    private AccessToken? _token;

    private sealed record AccessToken(string Value, DateTimeOffset IssuedAt, DateTimeOffset ExpireAt);

    public async Task<TencentPage> ReadAsync(int category, TencentPosition? before, int limit, CancellationToken cancellationToken)
    {
        const string action = "AppGetMessages";
        var o = options.Value;
        for (var attempt = 0; ; attempt++)
        {
            var token = await TokenAsync(cancellationToken).ConfigureAwait(false);
            List<TencentParameter> parameters =
            [
                TencentParameter.Text("Action", action),
                TencentParameter.Text("RequestId", NewRequestId()),
                TencentParameter.Text("AccessToken", token),
                TencentParameter.Number("Category", category),
                TencentParameter.Text("MsgID", before?.MsgId ?? ""),
                TencentParameter.Number("MsgTimestamp", before?.Timestamp ?? 0),
                TencentParameter.Number("Limit", Math.Clamp(limit, 1, 100)),
            ];
            var answer = await SendAsync(o.TokenApiUrl, action, parameters, cancellationToken).ConfigureAwait(false);
            if (answer.Succeeded) return TencentWire.ReadMessages(answer.Data!.Value);
            if (answer.ErrorCode == TencentWire.InvalidAccessToken && attempt == 0)
            {
                Invalidate(token);
                continue;
            }
            throw new TencentException(action, TencentFaultKind.Api, $"{action}: {answer.ErrorCode} {answer.ErrorMessage}".Trim(), answer.ErrorCode, answer.RequestId);
        }
    }

    /// <summary>Signs in (once, shared by concurrent callers) when there is no token or it is about to run out.</summary>
    public async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _token) is { } current && !NeedsRenewal(current)) return current.Value;
        await _signIn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } fresh && !NeedsRenewal(fresh)) return fresh.Value;
            var token = await SignInAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _token, token);
            return token.Value;
        }
        finally
        {
            _signIn.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> unless another caller already replaced it.</summary>
    public void Invalidate(string rejected)
    {
        var current = Volatile.Read(ref _token);
        if (current is not null && current.Value == rejected) Interlocked.CompareExchange(ref _token, null, current);
    }

    private bool NeedsRenewal(AccessToken token)
    {
        var lifetime = token.ExpireAt - token.IssuedAt;
        var margin = TimeSpan.FromTicks(Math.Max(RenewMargin.Ticks, lifetime.Ticks / 10));
        if (margin > lifetime / 2) margin = lifetime / 2;
        return time.GetUtcNow() >= token.ExpireAt - margin;
    }

    private async Task<AccessToken> SignInAsync(CancellationToken cancellationToken)
    {
        const string action = "AppGetToken";
        var o = options.Value;
        var now = time.GetUtcNow();
        var byEmail = string.Equals(o.LoginType?.Trim(), "email", StringComparison.OrdinalIgnoreCase);
        List<TencentParameter> parameters =
        [
            TencentParameter.Text("Action", action),
            TencentParameter.Text("RequestId", NewRequestId()),
            TencentParameter.Text("AppKey", o.AppKey),
            TencentParameter.Number("Timestamp", now.ToUnixTimeSeconds()),
            TencentParameter.Number("Nonce", RandomNumberGenerator.GetInt32(1, int.MaxValue)),
            TencentParameter.Text("Type", byEmail ? "email" : "phone"),
            TencentParameter.Text("Password", o.Password),
        ];
        if (byEmail)
        {
            parameters.Add(TencentParameter.Text("Email", o.Email.Trim()));
        }
        else
        {
            parameters.Add(TencentParameter.Text("CountryCode", o.CountryCode.Trim()));
            parameters.Add(TencentParameter.Text("PhoneNumber", o.PhoneNumber.Trim()));
        }
        parameters.Add(TencentParameter.Text(TencentSignature.ParameterName, TencentSignature.Sign(parameters, o.AppSecret)));

        var answer = await SendAsync(o.AppApiUrl, action, parameters, cancellationToken).ConfigureAwait(false);
        if (!answer.Succeeded)
            throw new TencentException(action, TencentFaultKind.Api, $"{action}: {answer.ErrorCode} {answer.ErrorMessage}".Trim(), answer.ErrorCode, answer.RequestId);
        var (token, expireAt) = TencentWire.ReadToken(answer.Data!.Value);
        LogSignedIn(log, answer.RequestId ?? "", expireAt);
        return new AccessToken(token, now, expireAt);
    }

    private async Task<TencentAnswer> SendAsync(string url, string action, IReadOnlyList<TencentParameter> parameters, CancellationToken cancellationToken)
    {
        var requestId = parameters.First(p => p.Name == "RequestId").Value;
        using var content = new ByteArrayContent(TencentWire.WriteRequest(parameters));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var http = httpClients.CreateClient(HttpClientName);
        http.Timeout = options.Value.RequestTimeout;
        string body;
        int status;
        try
        {
            using var response = await http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(log, action, requestId, "timed out");
            throw new TencentException(action, TencentFaultKind.Transport, $"{action}: no answer within {options.Value.RequestTimeout}", requestId: requestId, inner: e);
        }
        catch (HttpRequestException e)
        {
            LogFailed(log, action, requestId, e.Message);
            throw new TencentException(action, TencentFaultKind.Transport, $"{action}: {e.Message}", requestId: requestId, inner: e);
        }
        if (status is < 200 or > 299)
        {
            LogFailed(log, action, requestId, $"HTTP {status}: {Excerpt(action, body)}");
            throw new TencentException(action, TencentFaultKind.HttpStatus, $"{action}: HTTP {status}", requestId: requestId);
        }
        TencentAnswer answer;
        try
        {
            answer = TencentWire.ReadAnswer(body, action);
        }
        catch (TencentException e)
        {
            LogFailed(log, action, requestId, $"{e.Message}: {Excerpt(action, body)}");
            throw new TencentException(action, e.Kind, e.Message, requestId: requestId);
        }
        answer = answer with { RequestId = answer.RequestId ?? requestId };
        if (answer.Succeeded) LogSucceeded(log, action, requestId);
        else LogFailed(log, action, requestId, $"{answer.ErrorCode} {answer.ErrorMessage}");
        return answer;
    }

    private static string NewRequestId() => Guid.NewGuid().ToString();

    /// <summary>A sign-in answer may carry a token, so its body never reaches the log.</summary>
    private static string Excerpt(string action, string body) => action == "AppGetToken" ? $"({body.Length} characters)" : TencentWire.Excerpt(body);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Tencent {Action} RequestId={RequestId}: ok")]
    private static partial void LogSucceeded(ILogger logger, string action, string requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tencent {Action} RequestId={RequestId}: {Problem}")]
    private static partial void LogFailed(ILogger logger, string action, string requestId, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tencent sign-in RequestId={RequestId}: token valid until {ExpireAt:O}")]
    private static partial void LogSignedIn(ILogger logger, string requestId, DateTimeOffset expireAt);
}
