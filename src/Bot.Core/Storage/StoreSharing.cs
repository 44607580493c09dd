namespace Bot.Core.Storage;

/// <summary>
/// Whether other processes (replicas) work on the same store. Then a call left Confirmed at start-up may be another
/// replica's invite under way, so only calls confirmed long ago are settled as interrupted.
/// </summary>
public sealed record StoreSharing(bool WithOtherProcesses)
{
    public static readonly StoreSharing None = new(false);
    public static readonly StoreSharing Replicas = new(true);
}
