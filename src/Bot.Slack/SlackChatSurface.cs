// Spec: docs/protocols/slack.md "Calls to Slack": chat.postMessage / chat.update, ~1 message per second per channel, 429 Retry-After.
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Bot.Core;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Health;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

/// <summary>
/// Posts and edits cards in Slack channels with the bot token. Paces itself to one message per second per
/// channel, counted from each answer; waits out a 429 when Slack says how long (up to <see cref="MaxRetryAfterWait"/>); retries transient
/// errors with backoff; reports the rest as transient or permanent with Slack's reason. A post whose outcome is
/// unknown (timeout, 5xx) is not sent again here: Slack may have taken it, and the caller decides about a repost.
/// </summary>
public sealed partial class SlackChatSurface(
    SlackWebApi api,
    TimeProvider time,
    IntegrationOutcomes health,
    IOptions<BotOptions> bot,
    ILogger<SlackChatSurface> log,
    Bot.Core.Telemetry.PlatformMetrics? metrics = null) : IChatSurface
{
    /// <summary>
    /// Slack's limit: one message per second per channel, counted where the posts arrive. A post arrived at the
    /// latest when its answer came back, and the next one arrives at the earliest when it is sent; so the next
    /// post goes exactly this long after the previous answer, never sooner and with no margin on top: whatever
    /// the latency, two posts never land within one interval, and the cost is one answer time per post.
    /// </summary>
    public static readonly TimeSpan ChannelInterval = TimeSpan.FromSeconds(1);
    /// <summary>A longer wait is handed back to the caller (who has a durable outbox) instead of holding a task.</summary>
    public static readonly TimeSpan MaxRetryAfterWait = TimeSpan.FromSeconds(30);
    public const int MaxAttempts = 4;
    private static readonly Backoff Retry = new(TimeSpan.FromSeconds(1), MaxRetryAfterWait);

    /// <summary>Errors a person must fix; everything not listed as transient counts as permanent (no hammering).</summary>
    private static readonly HashSet<string> TransientErrors = new(StringComparer.Ordinal)
    {
        "ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org",
    };

    private readonly ConcurrentDictionary<string, SlackChannelPace> _paces = new(StringComparer.Ordinal);

    public string Platform => SlackPlatform.Name;

    /// <summary>One card per <see cref="ChannelInterval"/>: 60 a minute.</summary>
    public int? CardsPerMinute => (int)(TimeSpan.FromMinutes(1) / ChannelInterval);

    /// <summary>Slack paces each channel on its own; a replica taking a channel over waits one interval after the last answer.</summary>
    public TimeSpan PacingMemory => ChannelInterval;

    public async Task<PostOutcome> PostAsync(Channel channel, BotReply reply, CancellationToken cancellationToken)
    {
        var message = BlockKit.Translate(reply, Texts.For(null, bot.Value.DefaultLocale));
        var body = message.ToJson(("channel", channel.ExternalId));
        return await SendAsync("chat.postMessage", channel.ExternalId, body, repeatable: false, cancellationToken);
    }

    public async Task<PostOutcome> UpdateAsync(Channel channel, string messageRef, BotReply reply, CancellationToken cancellationToken)
    {
        if (SlackMessageRef.Parse(messageRef) is not { } target)
            return new PostOutcome.Permanent($"not a Slack message reference: {messageRef}");
        var message = BlockKit.Translate(reply, Texts.For(null, bot.Value.DefaultLocale));
        var body = message.ToJson(("channel", target.Channel), ("ts", target.Ts));
        return await SendAsync("chat.update", target.Channel, body, repeatable: true, cancellationToken);
    }

    public async Task<PostOutcome> ReplyInThreadAsync(Channel channel, string messageRef, string text, CancellationToken cancellationToken)
    {
        if (SlackMessageRef.Parse(messageRef) is not { } target)
            return new PostOutcome.Permanent($"not a Slack message reference: {messageRef}");
        // Escaped so names show as typed; a person's mention (<@U…|name>, an escalation's) stays one, so Slack notifies them.
        var escaped = EscapedMention().Replace(BlockKit.Escape(text), m => $"<@{m.Groups[1].Value}>");
        var body = new JsonObject { ["channel"] = target.Channel, ["thread_ts"] = target.Ts, ["text"] = escaped };
        return await SendAsync("chat.postMessage", target.Channel, body, repeatable: false, cancellationToken);
    }

    /// <param name="repeatable">Sending twice does no harm (an edit), so an unknown outcome may be retried here.</param>
    private async Task<PostOutcome> SendAsync(string method, string channelId, JsonObject body, bool repeatable, CancellationToken cancellationToken)
    {
        var pace = _paces.GetOrAdd(channelId, _ => new SlackChannelPace());
        PostOutcome outcome = new PostOutcome.Transient("not attempted");
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            SlackApiResult result;
            await pace.WaitTurnAsync(time, cancellationToken);
            try { result = await api.CallJsonAsync(method, body, cancellationToken); }
            finally { pace.EndTurn(time, ChannelInterval); }
            switch (result)
            {
                case SlackApiResult.Ok ok:
                    var channel = SlackJson.Str(ok.Body, "channel") ?? channelId;
                    var ts = SlackJson.Str(ok.Body, "ts");
                    if (ts is null) return Report(method, channelId, new PostOutcome.Transient("answer had no ts", MayHaveArrived: true));
                    health.Succeeded(SlackHealth.Name, $"{method} ok");
                    return new PostOutcome.Posted(new SlackMessageRef(channel, ts).ToString());
                case SlackApiResult.RateLimited limited:
                    pace.Hold(time, limited.RetryAfter);
                    metrics?.Throttled(SlackPlatform.Name, limited.RetryAfter);
                    outcome = new PostOutcome.Transient("ratelimited", limited.RetryAfter);
                    LogRateLimited(log, method, channelId, limited.RetryAfter);
                    if (limited.RetryAfter > MaxRetryAfterWait) return Report(method, channelId, outcome);
                    continue;
                case SlackApiResult.Error error when !TransientErrors.Contains(error.Code):
                    return Report(method, channelId, new PostOutcome.Permanent(error.Code));
                case SlackApiResult.Error error:
                    outcome = new PostOutcome.Transient(error.Code);
                    break;
                case SlackApiResult.Unreachable { MayHaveArrived: true } unknown when !repeatable:
                    return Report(method, channelId, new PostOutcome.Transient(unknown.Detail, MayHaveArrived: true));
                case SlackApiResult.Unreachable unreachable:
                    outcome = new PostOutcome.Transient(unreachable.Detail);
                    break;
            }
            if (attempt < MaxAttempts)
                await Task.Delay(Retry.After(attempt), time, cancellationToken);
        }
        return Report(method, channelId, outcome);
    }

    private PostOutcome Report(string method, string channelId, PostOutcome outcome)
    {
        var reason = outcome switch { PostOutcome.Permanent p => p.Reason, PostOutcome.Transient t => t.Reason, _ => "" };
        health.Failed(SlackHealth.Name, $"{method}: {reason}");
        LogFailed(log, method, channelId, outcome is PostOutcome.Permanent ? "permanent" : "transient", reason);
        return outcome;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack rate-limited {Method} in {Channel}; waiting {RetryAfter}")]
    private static partial void LogRateLimited(ILogger logger, string method, string channel, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack {Method} in {Channel} failed ({Kind}): {Reason}")]
    private static partial void LogFailed(ILogger logger, string method, string channel, string kind, string reason);

    [System.Text.RegularExpressions.GeneratedRegex(@"&lt;@([UW][A-Z0-9]{2,20})(?:\|[^<>]*?)?&gt;", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial System.Text.RegularExpressions.Regex EscapedMention();
}
