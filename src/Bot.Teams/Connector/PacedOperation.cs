namespace Bot.Teams.Connector;

/// <summary>One operation as the <see cref="ConversationPacer"/> counts it: at its slot until answered, then at its answer.</summary>
public sealed class PacedOperation(DateTimeOffset slot)
{
    public DateTimeOffset CountedAt { get; internal set; } = slot;
}
