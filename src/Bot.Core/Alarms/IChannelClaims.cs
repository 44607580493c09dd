namespace Bot.Core.Alarms;

/// <summary>
/// Which replica posts to a pacing scope (a channel, or every channel the platform paces together, e.g. a tenant):
/// one at a time, so a channel's order and the platform's pacing hold across replicas. A claim lasts while its lanes
/// renew it and a while after their last answer; a dead replica's claims return to the others when they expire. The
/// claim carries when the next post is allowed, so a replica taking a scope over starts no sooner than the pacing of
/// the previous holder's posts allows.
/// </summary>
public interface IChannelClaims
{
    /// <summary>
    /// Takes the scope, or renews this replica's claim on it. <paramref name="quiet"/>: how long after now the scope's
    /// pacing still depends on this replica's posts (a taker waits that long if this replica stops renewing).
    /// </summary>
    Task<ChannelClaim> TryClaimAsync(string scope, TimeSpan quiet, CancellationToken cancellationToken);

    /// <summary>
    /// This replica's lanes in the scope ended, each after its last answer: the claim stays this replica's for a full
    /// lease from now (new work there is posted by the replica whose pacing knows the recent posts), and a taker waits
    /// <paramref name="quiet"/> from now.
    /// </summary>
    Task KeepAsync(string scope, TimeSpan quiet, CancellationToken cancellationToken);

    /// <summary>Gives the scope back now (the replica stops); a taker still waits <paramref name="quiet"/> from now.</summary>
    Task ReleaseAsync(string scope, TimeSpan quiet, CancellationToken cancellationToken);
}
