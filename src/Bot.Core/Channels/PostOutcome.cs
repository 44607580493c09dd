namespace Bot.Core.Channels;

public abstract record PostOutcome
{
    private PostOutcome() { }

    /// <summary>Done; <paramref name="MessageRef"/> identifies the message for later edits (opaque outside its surface).</summary>
    public sealed record Posted(string MessageRef) : PostOutcome;

    /// <summary>Worth trying again later (rate limit, 5xx, timeout); <paramref name="RetryAfter"/> when the platform said.</summary>
    public sealed record Transient(string Reason, TimeSpan? RetryAfter = null) : PostOutcome;

    /// <summary>Will not work without a person changing something (channel gone, bot removed, bad credentials).</summary>
    public sealed record Permanent(string Reason) : PostOutcome;
}
