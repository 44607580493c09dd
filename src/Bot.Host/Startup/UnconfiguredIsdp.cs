using Bot.Core.Calls;

namespace Bot.Host.Startup;

/// <summary>Used when neither ISDP nor the playground is configured: every call fails, saying that ISDP is not configured.</summary>
public sealed class UnconfiguredIsdp : IInviteSender
{
    public Task<InviteOutcome> SendInviteAsync(Invite invite, CancellationToken cancellationToken) =>
        Task.FromResult<InviteOutcome>(new InviteOutcome.NotConfigured());
}
