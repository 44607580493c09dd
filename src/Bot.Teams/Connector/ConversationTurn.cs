namespace Bot.Teams.Connector;

/// <summary>A slot handed out by the <see cref="ConversationPacer"/>: wait <see cref="Wait"/>, send, then say <see cref="Answered"/>.</summary>
public sealed class ConversationTurn
{
    private readonly ConversationPacer _pacer;
    private readonly PacedOperation _operation;
    private readonly List<PacedOperation> _conversation;
    private readonly List<PacedOperation>? _tenant;

    internal ConversationTurn(ConversationPacer pacer, PacedOperation operation, List<PacedOperation> conversation, List<PacedOperation>? tenant, TimeSpan wait)
    {
        (_pacer, _operation, _conversation, _tenant, Wait) = (pacer, operation, conversation, tenant, wait);
    }

    public TimeSpan Wait { get; }

    /// <summary>The answer (or the failure) is in: the operation reached Teams by now, if at all.</summary>
    public void Answered() => _pacer.Answered(_operation, _conversation, _tenant);
}
