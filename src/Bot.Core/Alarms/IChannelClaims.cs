namespace Bot.Core.Alarms;

/// <summary>
/// Which replica posts to a channel: one at a time, so the channel's order and the platform's per-channel pacing hold.
/// A claim lasts while its lane renews it; a dead replica's claims return to the others.
/// </summary>
public interface IChannelClaims
{
    /// <summary>Takes the channel, or renews this replica's claim on it; false when another replica holds it.</summary>
    Task<bool> TryClaimAsync(string channelKey, CancellationToken cancellationToken);

    /// <summary>Gives the channel back (its lane ended).</summary>
    Task ReleaseAsync(string channelKey, CancellationToken cancellationToken);
}
