namespace Bot.Core.Channels;

public abstract record PostOutcome
{
    private PostOutcome() { }

    /// <summary>Done; <paramref name="MessageRef"/> identifies the message for later edits (opaque outside its surface).</summary>
    public sealed record Posted(string MessageRef) : PostOutcome;

    /// <summary>
    /// Worth trying again later (rate limit, 5xx, timeout); <paramref name="RetryAfter"/> when the platform said.
    /// <paramref name="MayHaveArrived"/>: the request reached the platform and no answer says it was refused (a
    /// timeout, a 5xx), so the platform may have taken it: posting again may show the card twice.
    /// </summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter = null, bool MayHaveArrived = false) : PostOutcome;

    /// <summary>Will not work without a person changing something (channel gone, bot removed, bad credentials).</summary>
    public sealed record Permanent(string Reason) : PostOutcome;
}
