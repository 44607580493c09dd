// Spec: docs/protocols/slack.md "Calls to Slack (Web API)": POST {base}/{method}, bearer token, ok:false errors, 429 Retry-After.
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

/// <summary>The Web API over one typed HttpClient; it never throws for a failed call, it says what happened.</summary>
public sealed class SlackWebApi(HttpClient http, IOptions<SlackOptions> options)
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>A write method with a JSON body (<c>chat.postMessage</c>, <c>chat.update</c>, …) with the bot token.</summary>
    public Task<SlackApiResult> CallJsonAsync(string method, JsonObject body, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        SendAsync(method, new StringContent(body.ToJsonString(SlackJson.Wire), Encoding.UTF8, Json.MediaType!) { Headers = { ContentType = Json } },
            options.Value.BotToken, timeout ?? CallTimeout, cancellationToken);

    /// <summary>A read method (<c>users.info</c>): Slack takes these as form fields, not JSON.</summary>
    public Task<SlackApiResult> CallFormAsync(string method, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        SendAsync(method, new FormUrlEncodedContent(fields), options.Value.BotToken, timeout ?? CallTimeout, cancellationToken);

    /// <summary><c>apps.connections.open</c> with the app-level token: a fresh Socket Mode URL.</summary>
    public Task<SlackApiResult> OpenConnectionAsync(CancellationToken cancellationToken) =>
        SendAsync("apps.connections.open", new FormUrlEncodedContent([]), options.Value.AppToken, CallTimeout, cancellationToken);

    private async Task<SlackApiResult> SendAsync(string method, HttpContent content, string token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBase, method)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return new SlackApiResult.RateLimited(RetryAfter(response));
            if (!response.IsSuccessStatusCode)
                // A 503 is Slack declining to take the request, a known refusal; other 5xx leave the outcome open.
                return new SlackApiResult.Unreachable($"HTTP {(int)response.StatusCode}",
                    MayHaveArrived: (int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable);
            var body = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ok", out var ok) || ok.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return new SlackApiResult.Unreachable("answer is not a Web API response");
            if (ok.ValueKind == JsonValueKind.True) return new SlackApiResult.Ok(root.Clone());
            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "unknown_error";
            return new SlackApiResult.Error(error);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SlackApiResult.Unreachable("timed out");
        }
        catch (HttpRequestException e)
        {
            return new SlackApiResult.Unreachable(e.HttpRequestError.ToString(), MayHaveArrived: !NeverSent(e.HttpRequestError));
        }
        catch (JsonException)
        {
            return new SlackApiResult.Unreachable("answer is not JSON");
        }
    }

    /// <summary>Failures before the request could leave: Slack cannot have seen it.</summary>
    internal static bool NeverSent(HttpRequestError error) =>
        error is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    /// <summary>Seconds (Slack's form) or an HTTP date; at least one second, since 429 means "not now".</summary>
    internal static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(1));
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
    }
}
