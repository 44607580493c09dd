namespace Bot.Core.Storms;

/// <summary>
/// One device's storm in one channel: the alarms folded into its one card (<see cref="AlarmIds"/>, oldest first).
/// <see cref="ShownCount"/> is the count the card shows; fewer than <see cref="AlarmIds"/> means an edit is owed.
/// </summary>
public sealed record Storm(string Id, string ChannelKey, string DeviceId, IReadOnlyList<string> AlarmIds, DateTimeOffset FirstAt, DateTimeOffset LatestAt,
    string? MessageRef, int ShownCount, DateTimeOffset NextEditAt)
{
    /// <summary>The message reference a folded delivery carries instead of a card of its own.</summary>
    public static string RefOf(string stormId) => "storm:" + stormId;
    public static bool IsStormRef(string? messageRef) => messageRef?.StartsWith("storm:", StringComparison.Ordinal) == true;
}
