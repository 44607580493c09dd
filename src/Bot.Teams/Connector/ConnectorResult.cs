// Spec: docs/protocols/teams-bot-framework.md, "Calls to the channel (connector REST API)": post, reply, edit,
// create conversation; escaped conversation ids; retry 429/412/502/504 with backoff and jitter, honouring Retry-After.
using Bot.Teams.Activities;

namespace Bot.Teams.Connector;

public abstract record ConnectorResult
{
    private ConnectorResult() { }

    public sealed record Ok(ResourceResponse Response) : ConnectorResult;
    /// <summary><paramref name="MayHaveArrived"/>: the request reached the channel and no answer refused it (timeout, 5xx).</summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter = null, bool MayHaveArrived = false) : ConnectorResult;
    public sealed record Permanent(string Reason) : ConnectorResult;
}
