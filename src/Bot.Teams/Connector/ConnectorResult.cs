// Spec: docs/protocols/teams-bot-framework.md, "Calls to the channel (connector REST API)": post, reply, edit,
// create conversation; escaped conversation ids; retry 429/412/502/504 with backoff and jitter, honouring Retry-After.
using Bot.Teams.Activities;

namespace Bot.Teams.Connector;

public abstract record ConnectorResult
{
    private ConnectorResult() { }

    public sealed record Ok(ResourceResponse Response) : ConnectorResult;
    public sealed record Transient(string Reason, TimeSpan? RetryAfter = null) : ConnectorResult;
    public sealed record Permanent(string Reason) : ConnectorResult;
}
