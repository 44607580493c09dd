namespace Bot.Core.Calls;

/// <summary>How an invite ended. Kept apart because a person needs to read different things.</summary>
public abstract record InviteOutcome
{
    private InviteOutcome() { }

    /// <summary>ISDP answered <c>stateCode</c> "0".</summary>
    public sealed record Sent : InviteOutcome;

    /// <summary>ISDP answered with another <c>stateCode</c>; <see cref="ErrorMessage"/> is shown to the caller.</summary>
    public sealed record Refused(string StateCode, string? ErrorMessage) : InviteOutcome;

    /// <summary>No verdict from ISDP: HTTP error, timeout, unreachable, or a body that is not the documented JSON.</summary>
    public sealed record TransportFailed(TransportFailure Kind, int? HttpStatus, string Detail) : InviteOutcome;

    /// <summary>No ISDP is configured in this deployment: nothing was sent, and the person is told so.</summary>
    public sealed record NotConfigured : InviteOutcome;
}
