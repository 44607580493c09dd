namespace Bot.Core.Storms;

/// <summary>What storm folding decided for one delivery.</summary>
public enum StormFold
{
    /// <summary>Within the device's threshold (counted): the alarm wants a card of its own.</summary>
    OwnCard,
    /// <summary>Joined its device's storm (started now or going on): the delivery is marked posted into the storm card.</summary>
    Folded,
    /// <summary>
    /// It would have started its device's storm or joined the one going on, but folding into a storm was not allowed (the
    /// channel is behind): nothing was written, and the alarm belongs in the channel's backlog summary, not in a card of its own.
    /// </summary>
    Declined,
}
