// Spec: docs/protocols/slack.md "Calls to Slack": chat.postMessage / chat.update, ~1 message per second per channel, 429 Retry-After.
using Bot.Core.Channels;

namespace Bot.Slack;

/// <summary>Identifies a posted message: channel id and <c>ts</c>, as <c>C0123|1712345678.000100</c>.</summary>
public sealed record SlackMessageRef(string Channel, string Ts)
{
    public override string ToString() => $"{Channel}|{Ts}";

    public static SlackMessageRef? Parse(string? value)
    {
        var parts = value?.Split('|');
        return parts is [{ Length: > 0 } channel, { Length: > 0 } ts] ? new SlackMessageRef(channel, ts) : null;
    }
}
