using Bot.Core.OnCall;

namespace Bot.Core.Storage;

/// <summary>Who is on call in each channel (the escalation policy notifies them).</summary>
public interface IOnCallStore
{
    /// <summary>The channel's on-call people in the order they were added; empty when none.</summary>
    Task<IReadOnlyList<OnCallPerson>> OnCallAsync(string channelKey, CancellationToken cancellationToken = default);

    /// <summary>Replaces the channel's on-call people (an empty list clears them).</summary>
    Task SetOnCallAsync(string channelKey, IReadOnlyList<OnCallPerson> people, CancellationToken cancellationToken = default);

    /// <summary>Adds the person unless they are on call there already (atomically); false when they were.</summary>
    Task<bool> AddOnCallAsync(string channelKey, OnCallPerson person, CancellationToken cancellationToken = default);

    /// <summary>Removes the person by id (atomically); false when they were not on call there.</summary>
    Task<bool> RemoveOnCallAsync(string channelKey, string personId, CancellationToken cancellationToken = default);
}
