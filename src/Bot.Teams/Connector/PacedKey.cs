namespace Bot.Teams.Connector;

/// <summary>One conversation's or tenant's operations for the <see cref="ConversationPacer"/>: ordered by where they count, and those still in flight.</summary>
internal sealed class PacedKey
{
    public List<PacedOperation> Operations { get; } = [];
    public HashSet<PacedOperation> InFlight { get; } = [];

    /// <summary>Lets the conversation's waiting operations choose their slots one after another (see <see cref="ConversationPacer.WaitTurnAsync"/>).</summary>
    public SemaphoreSlim Admission { get; } = new(1, 1);
}
