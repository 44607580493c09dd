using Bot.Core.Channels;

namespace Bot.Core.Alarms;

/// <summary>
/// One step in an alarm's history: who moved it, from which channel, when. Handed to the store as a request
/// (<see cref="From"/>, <see cref="To"/> and <see cref="Version"/> are filled in by the store when it applies it).
/// </summary>
public sealed record AlarmChange(string AlarmId, AlarmTransition Transition, ChatUser By, string ChannelKey, DateTimeOffset At)
{
    public AlarmState From { get; init; }
    public AlarmState To { get; init; }
    /// <summary>The alarm's version after this change (1 for its first change).</summary>
    public long Version { get; init; }
    /// <summary>The change also goes into every copy's thread as a line (<c>Alarms:ThreadLog</c>), the clicked copy's too.</summary>
    public bool LogInThread { get; init; }
    /// <summary>
    /// The state the clicked card showed (Resolve is offered from two states): the change applies only from it, so a
    /// Resolve clicked on a firing card loses to an Acknowledge that came first. Null: from any state the transition allows.
    /// </summary>
    public AlarmState? ExpectedFrom { get; init; }
}
