using Bot.Core.Channels;

namespace Bot.Core.Calls;

/// <summary>
/// A call to a device in any state of its life (see <see cref="CallState"/>), with who asked and where. A Pending call
/// lives in its card (<see cref="CallToken"/>); the store holds calls from their first click on.
/// </summary>
public sealed record Call
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
}
