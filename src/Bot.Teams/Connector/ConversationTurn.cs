namespace Bot.Teams.Connector;

/// <summary>A slot handed out by the <see cref="ConversationPacer"/>: wait <see cref="Wait"/>, send, then say <see cref="Answered"/>.</summary>
public sealed class ConversationTurn
{
    private readonly ConversationPacer _pacer;
    private readonly PacedOperation _operation;
    private readonly PacedKey _conversation;
    private readonly PacedKey? _tenant;

    internal ConversationTurn(ConversationPacer pacer, PacedOperation operation, PacedKey conversation, PacedKey? tenant, DateTimeOffset slot, TimeSpan wait)
    {
        (_pacer, _operation, _conversation, _tenant, Slot, Wait) = (pacer, operation, conversation, tenant, slot, wait);
    }

    /// <summary>When the operation may be sent.</summary>
    public DateTimeOffset Slot { get; }

    /// <summary>How long from the reservation until <see cref="Slot"/>.</summary>
    public TimeSpan Wait { get; }

    /// <summary>The answer (or the failure) is in: the operation reached Teams by now, if at all.</summary>
    public void Answered() => _pacer.Answered(_operation, _conversation, _tenant);
}
