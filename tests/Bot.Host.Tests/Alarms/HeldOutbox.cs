using Bot.Core.Alarms;

namespace Bot.Host.Tests.Alarms;

/// <summary>
/// The real outbox with each "posted" record held until the test lets it through, noting how many cards the
/// surface had posted when each record was committed.
/// </summary>
internal sealed class HeldOutbox(IAlarmOutbox inner, Func<int> postsSoFar) : IAlarmOutbox
{
    private readonly SemaphoreSlim _release = new(0);
    private int _held;

    /// <summary>How many records have come to be held so far (released or not).</summary>
    public int Held => Volatile.Read(ref _held);
    public List<int> PostsAtEachRecord { get; } = [];

    public void ReleaseOne() => _release.Release();

    public async Task MarkPostedAsync(string deliveryId, string messageRef, long shownVersion, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _held);
        await _release.WaitAsync(CancellationToken.None);
        await inner.MarkPostedAsync(deliveryId, messageRef, shownVersion, at, cancellationToken);
        lock (PostsAtEachRecord) PostsAtEachRecord.Add(postsSoFar());
    }

    public Task<IReadOnlyList<string>> ChannelsWithDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => inner.ChannelsWithDueAsync(now, cancellationToken);
    public Task<IReadOnlyList<AlarmDelivery>> DueInChannelAsync(string channelKey, DateTimeOffset now, int max, CancellationToken cancellationToken = default) => inner.DueInChannelAsync(channelKey, now, max, cancellationToken);
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) => inner.NextDueAsync(cancellationToken);
    public Task<IReadOnlyDictionary<string, int>> QueuedAsync(CancellationToken cancellationToken = default) => inner.QueuedAsync(cancellationToken);
    public Task MarkRefreshedAsync(string deliveryId, long shownVersion, CancellationToken cancellationToken = default) => inner.MarkRefreshedAsync(deliveryId, shownVersion, cancellationToken);
    public Task MarkLoggedAsync(string deliveryId, long loggedVersion, CancellationToken cancellationToken = default) => inner.MarkLoggedAsync(deliveryId, loggedVersion, cancellationToken);
    public Task MarkRetryAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) => inner.MarkRetryAsync(deliveryId, reason, nextAttemptAt, cancellationToken);
    public Task MarkUnknownOutcomeAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) => inner.MarkUnknownOutcomeAsync(deliveryId, reason, nextAttemptAt, cancellationToken);
    public Task MarkFailedAsync(string deliveryId, string reason, CancellationToken cancellationToken = default) => inner.MarkFailedAsync(deliveryId, reason, cancellationToken);
    public Task<AlarmChangeOutcome> TryChangeStateAsync(AlarmChange change, string? answeredMessageRef = null, CancellationToken cancellationToken = default) => inner.TryChangeStateAsync(change, answeredMessageRef, cancellationToken);
}
