// Spec: docs/protocols/slack.md "Requests from Slack": v0 signature over the raw body, 5-minute window.

namespace Bot.Slack;

public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    Stale,
    Mismatch,
}
