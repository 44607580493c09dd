namespace Bot.Core.Storms;

/// <summary>
/// Settings section <c>Alarms:Backlog</c>: when a channel's queue of cards is longer than its platform's limit clears in
/// <see cref="ClearWithin"/>, the cards beyond that fold into one backlog summary card instead of waiting.
/// </summary>
public sealed class BacklogOptions
{
    public const string Section = "Alarms:Backlog";

    /// <summary>Off: a channel's cards queue at its platform's pace however long the queue grows.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>
    /// The longest wait a card of its own may face: the queue is cut at what the channel's pace posts in this time. Ten seconds,
    /// not a minute: a channel's share of a budget its platform spreads over many busy channels may be a few cards a minute,
    /// so a minute's queue would keep alarms out of sight far longer than the 15 s a storm allows.
    /// </summary>
    public TimeSpan ClearWithin { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Cards per minute for a platform whose surface does not state its pace (<see cref="Channels.IChatSurface.CardsPerMinute"/>).</summary>
    public int DefaultCardsPerMinute { get; set; } = 60;
}
