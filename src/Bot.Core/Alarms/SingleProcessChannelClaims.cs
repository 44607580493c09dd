namespace Bot.Core.Alarms;

/// <summary>One process: every channel is this one's (its lanes already keep one per channel, its surfaces pace them).</summary>
public sealed class SingleProcessChannelClaims : IChannelClaims
{
    public Task<ChannelClaim> TryClaimAsync(string scope, TimeSpan quiet, CancellationToken cancellationToken) => Task.FromResult(ChannelClaim.Now);

    public Task KeepAsync(string scope, TimeSpan quiet, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ReleaseAsync(string scope, TimeSpan quiet, CancellationToken cancellationToken) => Task.CompletedTask;
}
