// Spec: docs/protocols/slack.md "response_url": replace_original / ephemeral follow-ups.
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Health;
using Microsoft.Extensions.Logging;

namespace Bot.Slack;

/// <summary>Answers through a <c>response_url</c>: the only way to change an ephemeral message.</summary>
public sealed partial class SlackResponder(HttpClient http, IntegrationOutcomes health, ILogger<SlackResponder> log)
{
    public const string HttpClientName = "slack-response";
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>Replaces the message the response_url belongs to (for everyone who sees it).</summary>
    public Task<bool> ReplaceAsync(string responseUrl, SlackMessage message, CancellationToken cancellationToken) =>
        SendAsync(responseUrl, message.ToJson(("replace_original", true)), cancellationToken);

    /// <summary>A new message only the clicker sees; the original stays.</summary>
    public Task<bool> EphemeralAsync(string responseUrl, SlackMessage message, CancellationToken cancellationToken) =>
        SendAsync(responseUrl, message.ToJson(("response_type", "ephemeral"), ("replace_original", false)), cancellationToken);

    private async Task<bool> SendAsync(string responseUrl, JsonObject body, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new StringContent(body.ToJsonString(SlackJson.Wire), Encoding.UTF8);
            content.Headers.ContentType = Json;
            using var response = await http.PostAsync(new Uri(responseUrl), content, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                health.Succeeded(SlackHealth.Name, "response_url ok");
                return true;
            }
            Failed($"response_url answered HTTP {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Failed($"response_url unreachable: {e.Message}");
        }
        return false;
    }

    private void Failed(string detail)
    {
        health.Failed(SlackHealth.Name, detail);
        LogFailed(log, detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack reply not delivered: {Detail}")]
    private static partial void LogFailed(ILogger logger, string detail);
}
