// Spec: docs/protocols/teams-bot-framework.md, "Calls to the channel (connector REST API)": post, reply, edit,
// create conversation; escaped conversation ids; retry 429/412/502/504 with backoff and jitter, honouring Retry-After.
using Bot.Core;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Teams.Activities;
using Microsoft.Extensions.Logging;

namespace Bot.Teams.Connector;

/// <summary>
/// The Bot Connector REST API of one bot, with its token, its pace and its retries. A new message whose outcome is
/// unknown (timeout, 5xx) is not sent again here: the channel may have taken it, and there is no idempotency key.
/// </summary>
public sealed partial class BotConnector(
    IHttpClientFactory http,
    BotTokenSource tokens,
    ConversationPacer pacer,
    TimeProvider time,
    ILogger<BotConnector> log,
    Bot.Core.Telemetry.PlatformMetrics? metrics = null)
{
    public const string HttpClientName = "teams-connector";
    public const int MaxAttempts = 4;
    /// <summary>A Retry-After longer than this is handed back to the caller instead of waited out here.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);
    /// <summary>0.5 s, 1 s, 2 s … each with jitter in its upper half.</summary>
    private static readonly Backoff Retry = new(TimeSpan.FromMilliseconds(500), LongestWait);

    /// <summary>A new message in the conversation (a new thread when the conversation is a channel).</summary>
    public Task<ConnectorResult> SendAsync(string serviceUrl, string conversationId, string? tenantId, Activity activity, CancellationToken cancellationToken) =>
        ExchangeAsync(HttpMethod.Post, ActivitiesUrl(serviceUrl, conversationId, null), activity, conversationId, tenantId, repeatable: false, cancellationToken);

    /// <summary>A reply to <paramref name="activityId"/> (in its thread, in a channel).</summary>
    public Task<ConnectorResult> ReplyAsync(string serviceUrl, string conversationId, string activityId, string? tenantId, Activity activity, CancellationToken cancellationToken) =>
        ExchangeAsync(HttpMethod.Post, ActivitiesUrl(serviceUrl, conversationId, activityId), activity, conversationId, tenantId, repeatable: false, cancellationToken);

    /// <summary>Edits a message the bot posted.</summary>
    public Task<ConnectorResult> UpdateAsync(string serviceUrl, string conversationId, string activityId, string? tenantId, Activity activity, CancellationToken cancellationToken)
    {
        activity.Id ??= activityId;
        return ExchangeAsync(HttpMethod.Put, ActivitiesUrl(serviceUrl, conversationId, activityId), activity, conversationId, tenantId, repeatable: true, cancellationToken);
    }

    /// <summary>Starts a conversation: a new thread in a Teams channel, or a chat with a person.</summary>
    public Task<ConnectorResult> CreateConversationAsync(string serviceUrl, string paceKey, string? tenantId, ConversationParameters parameters, CancellationToken cancellationToken) =>
        ExchangeAsync(HttpMethod.Post, new Uri(Root(serviceUrl) + "/v3/conversations"), parameters, paceKey, tenantId, repeatable: false, cancellationToken);

    /// <summary>Conversation ids carry <c>:</c>, <c>;</c> and <c>@</c>; each path segment is escaped.</summary>
    public static Uri ActivitiesUrl(string serviceUrl, string conversationId, string? activityId) =>
        new(Root(serviceUrl) + "/v3/conversations/" + Uri.EscapeDataString(conversationId) + "/activities"
            + (activityId is null ? "" : "/" + Uri.EscapeDataString(activityId)));

    private static string Root(string serviceUrl) => serviceUrl.TrimEnd('/');

    /// <param name="repeatable">Sending twice does no harm (an edit), so a 502/504 may be retried here.</param>
    private async Task<ConnectorResult> ExchangeAsync<T>(HttpMethod method, Uri url, T body, string conversationId, string? tenantId, bool repeatable, CancellationToken cancellationToken)
    {
        var paceKey = TeamsConversation.ChannelIdOf(conversationId);
        ConnectorResult last = new ConnectorResult.Transient("not attempted");
        var renew = false;
        var renewed = false;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // The token first: a slow token request must not eat into the spacing the pacer hands out.
            var token = await tokens.GetAsync(cancellationToken, renew).ConfigureAwait(false);
            renew = false;
            switch (token)
            {
                case BotToken.Refused refused: return new ConnectorResult.Permanent(refused.Reason);
                case BotToken.Unavailable unavailable: return new ConnectorResult.Transient(unavailable.Reason);
            }
            var turn = await pacer.WaitTurnAsync(paceKey, tenantId, cancellationToken).ConfigureAwait(false);

            TimeSpan? retryAfter;
            try
            {
                using var request = new HttpRequestMessage(method, url) { Content = Json(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ((BotToken.Issued)token).AccessToken);
                using var client = http.CreateClient(HttpClientName);
                using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                    return new ConnectorResult.Ok(await ReadResponseAsync(response, cancellationToken).ConfigureAwait(false));

                var status = (int)response.StatusCode;
                if (response.StatusCode == HttpStatusCode.Unauthorized && !renewed)
                {
                    // The cached token was refused (revoked or expired early): a fresh one, once, at once.
                    (renew, renewed) = (true, true);
                    last = new ConnectorResult.Permanent("HTTP 401");
                    continue;
                }
                retryAfter = RetryAfter(response);
                if (response.StatusCode == HttpStatusCode.TooManyRequests) metrics?.Throttled(TeamsPlatform.Name, retryAfter);
                // A 503 is the service declining to take the request (load shedding), a known refusal like a 429;
                // other 5xx (500, 502, 504) leave open whether the operation happened.
                var unknown = status >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable;
                if (!IsRetried(response.StatusCode) || (unknown && !repeatable))
                    return status is >= 500 ? new ConnectorResult.Transient($"HTTP {status}", retryAfter, MayHaveArrived: unknown) : new ConnectorResult.Permanent($"HTTP {status}");
                last = new ConnectorResult.Transient($"HTTP {status}", retryAfter);
                LogRetry(log, method.Method, status, attempt);
            }
            catch (HttpRequestException e)
            {
                return new ConnectorResult.Transient($"unreachable ({e.HttpRequestError})", MayHaveArrived: !NeverSent(e.HttpRequestError));
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A timeout: the operation may have happened, so it is not repeated here.
                return new ConnectorResult.Transient("timed out", MayHaveArrived: true);
            }
            finally
            {
                // Teams counted the operation by now, if at all: the pacer counts it here from now on.
                turn.Answered();
            }

            if (attempt == MaxAttempts) break;
            var wait = retryAfter ?? Retry.Jittered(attempt);
            if (wait > LongestWait) return last;
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
        return last;
    }

    /// <summary>Failures before the request could leave: the channel cannot have seen it.</summary>
    private static bool NeverSent(HttpRequestError error) =>
        error is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    private static bool IsRetried(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    private static HttpContent Json<T>(T body) => body switch
    {
        Activity a => JsonContent.Create(a, TeamsJson.Default.Activity),
        ConversationParameters p => JsonContent.Create(p, TeamsJson.Default.ConversationParameters),
        _ => throw new ArgumentException($"No wire contract for {typeof(T).Name}"),
    };

    private static async Task<ResourceResponse> ReadResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return string.IsNullOrWhiteSpace(text) ? new ResourceResponse() : JsonSerializer.Deserialize(text, TeamsJson.Default.ResourceResponse) ?? new ResourceResponse();
        }
        catch (JsonException)
        {
            return new ResourceResponse();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connector {Method} answered {Status} (attempt {Attempt}); trying again")]
    private static partial void LogRetry(ILogger logger, string method, int status, int attempt);
}
