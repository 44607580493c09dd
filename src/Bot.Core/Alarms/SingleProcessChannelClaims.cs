namespace Bot.Core.Alarms;

/// <summary>One process: every channel is this one's (its lanes already keep one per channel).</summary>
public sealed class SingleProcessChannelClaims : IChannelClaims
{
    public Task<bool> TryClaimAsync(string channelKey, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task ReleaseAsync(string channelKey, CancellationToken cancellationToken) => Task.CompletedTask;
}
