namespace Bot.Core.Calls;

/// <summary>What one remote invite needs (isdp.md §2).</summary>
public sealed record Invite(string DeviceId, string IsdpDeviceId, string ChatJid, IsdpCaller? Caller);

/// <summary>
/// The caller fields of <c>directives_attrs</c>. When an invite carries none, the ISDP client
/// uses the API account's own <c>plat_user</c> from the token response.
/// </summary>
public sealed record IsdpCaller(long UserId, string UserName, string UserNo, int TenantId);

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

public enum TransportFailure
{
    HttpStatus,
    Timeout,
    Unreachable,
    MalformedResponse,
    Unauthorized,
}

/// <summary>The port to ISDP: sends one remote invite. Implemented by Bot.Isdp.</summary>
public interface IInviteSender
{
    Task<InviteOutcome> SendInviteAsync(Invite invite, CancellationToken cancellationToken);
}
