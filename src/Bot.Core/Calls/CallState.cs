namespace Bot.Core.Calls;

/// <summary>
/// Pending → Confirmed → Sent | Failed; Pending → Expired | Cancelled; Failed → Confirmed (retry).
/// Confirmed is stored before the invite leaves, so a crash never sends an invite twice.
/// </summary>
public enum CallState
{
    Pending,
    Confirmed,
    Sent,
    Failed,
    Expired,
    Cancelled,
}
