namespace Bot.Core.Calls;

/// <summary>The port to ISDP: sends one remote invite. Implemented by Bot.Isdp.</summary>
public interface IInviteSender
{
    Task<InviteOutcome> SendInviteAsync(Invite invite, CancellationToken cancellationToken);
}
