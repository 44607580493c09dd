namespace Bot.Teams.Connector;

/// <summary>One operation as the <see cref="ConversationPacer"/> counts it: at its slot until answered, then at its answer.</summary>
public sealed class PacedOperation(DateTimeOffset slot)
{
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DateTimeOffset CountedAt { get; internal set; } = slot;

    public bool IsAnswered => _answered.Task.IsCompleted;

    /// <summary>Completes when the operation's answer (or failure) is in.</summary>
    public Task AnsweredTask => _answered.Task;

    internal void MarkAnswered() => _answered.TrySetResult();
}
