namespace Bot.Core.Storms;

/// <summary>
/// One device's storm in one channel: the alarms folded into its one card (<see cref="AlarmIds"/>, oldest first).
/// <see cref="ShownCount"/> is the count the card shows; fewer than <see cref="AlarmIds"/> means an edit is owed.
/// A channel's backlog summary is a storm without a device (<see cref="IsBacklog"/>): its <see cref="DeviceIds"/> name each
/// alarm's device, in the order of <see cref="AlarmIds"/>, so its card counts them per device.
/// </summary>
public sealed record Storm(string Id, string ChannelKey, string DeviceId, IReadOnlyList<string> AlarmIds, DateTimeOffset FirstAt, DateTimeOffset LatestAt,
    string? MessageRef, int ShownCount, DateTimeOffset NextEditAt)
{
    /// <summary>A backlog summary's device of each alarm ("" for none); empty for a device's storm.</summary>
    public IReadOnlyList<string> DeviceIds { get; init; } = [];
    public bool IsBacklog => DeviceId.Length == 0;

    /// <summary>The id of a channel's backlog summary that starts with <paramref name="alarmId"/>.</summary>
    public static string BacklogIdOf(string channelKey, string alarmId) => $"{channelKey}||{alarmId}";

    /// <summary>The message reference a folded delivery carries instead of a card of its own.</summary>
    public static string RefOf(string stormId) => "storm:" + stormId;
    public static bool IsStormRef(string? messageRef) => messageRef?.StartsWith("storm:", StringComparison.Ordinal) == true;
}
