// Spec: docs/protocols/slack.md "Calls to Slack (Web API)": POST {base}/{method}, bearer token, ok:false errors, 429 Retry-After.
using System.Text.Json;

namespace Bot.Slack;

/// <summary>What one Web API call came to.</summary>
public abstract record SlackApiResult
{
    private SlackApiResult() { }

    public sealed record Ok(JsonElement Body) : SlackApiResult;

    /// <summary>HTTP 200 with <c>ok:false</c>: Slack understood and said no.</summary>
    public sealed record Error(string Code) : SlackApiResult;

    /// <summary>HTTP 429; wait <paramref name="RetryAfter"/> before the next call of this kind.</summary>
    public sealed record RateLimited(TimeSpan RetryAfter) : SlackApiResult;

    /// <summary>No usable answer: network, timeout, 5xx, or a body that is not Slack's JSON.</summary>
    public sealed record Unreachable(string Detail) : SlackApiResult;
}
