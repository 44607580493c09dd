using Bot.Core.Channels;

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

public sealed record PendingCall
{
    public required string Id { get; init; }
    public required string DeviceId { get; init; }
    public required string ChannelKey { get; init; }
    public required ChatUser RequestedBy { get; init; }
    public string? Locale { get; init; }
    public required CallState State { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    /// <summary>ISDP's message or the transport fault, for a failed call.</summary>
    public string? FailureDetail { get; init; }
    public int Attempts { get; init; }
    public string? SurfaceRef { get; init; }
}

public sealed record CallTransition(bool Applied, PendingCall? Call);

/// <summary>One line of the call audit: who, where, device, when, what happened.</summary>
public sealed record CallAuditEntry(
    string CallId,
    string DeviceId,
    string ChannelKey,
    string UserKey,
    string UserName,
    DateTimeOffset At,
    string Event,
    string? Detail);

public static class CallEvents
{
    public const string Requested = "requested";
    public const string RefusedUnknownDevice = "refused-unknown-device";
    public const string RefusedNotMapped = "refused-not-mapped";
    public const string Confirmed = "confirmed";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";
    public const string Interrupted = "interrupted";
}
