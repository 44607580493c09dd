using Bot.Core.Cards;
using Bot.Core.Channels;

namespace Bot.Host.Tests.Alarms;

/// <summary>
/// A chat surface double that records what the bot posts and edits, for one platform. It can hold a
/// post before or after "posting" until the host stops (a crash at that point), or answer with
/// scripted outcomes. Tests await its changes instead of sleeping.
/// </summary>
public sealed class RecordingSurface(string platform) : IChatSurface
{
    public enum Mode { Post, HoldBeforePost, HoldAfterPost }

    public sealed record Sent(string ChannelKey, string MessageRef, BotReply Reply);

    private readonly Lock _gate = new();
    private readonly List<Sent> _posts = [];
    private readonly List<Sent> _edits = [];
    private readonly List<(string ChannelKey, string MessageRef, string Text)> _threadLines = [];
    private readonly Queue<PostOutcome> _scripted = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _attempts;
    private int _refs;

    public string Platform { get; } = platform;
    /// <summary>A budget the platform would share between channels (a tenant's), as a test sets it; none by default.</summary>
    public double? ScopeOperationsPerSecond { get; set; }
    public Mode Behaviour { get; set; } = Mode.Post;
    public int Attempts => Volatile.Read(ref _attempts);
    public IReadOnlyList<Sent> Posts { get { lock (_gate) return _posts.ToList(); } }
    public IReadOnlyList<Sent> Edits { get { lock (_gate) return _edits.ToList(); } }
    /// <summary>Lines posted in the threads of posted messages, in order.</summary>
    public IReadOnlyList<(string ChannelKey, string MessageRef, string Text)> ThreadLines { get { lock (_gate) return _threadLines.ToList(); } }

    /// <summary>The next posts answer these outcomes instead of posting.</summary>
    public void AnswerNext(params PostOutcome[] outcomes)
    {
        lock (_gate) foreach (var o in outcomes) _scripted.Enqueue(o);
    }

    public async Task<PostOutcome> PostAsync(Channel channel, BotReply reply, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        PostOutcome? scripted;
        lock (_gate) _scripted.TryDequeue(out scripted);
        Notify();
        if (scripted is not null) return scripted;
        if (Behaviour == Mode.HoldBeforePost) await Task.Delay(Timeout.Infinite, cancellationToken);
        var sent = new Sent(channel.Key, $"{Platform}-msg-{Interlocked.Increment(ref _refs)}", reply);
        lock (_gate) _posts.Add(sent);
        Notify();
        if (Behaviour == Mode.HoldAfterPost) await Task.Delay(Timeout.Infinite, cancellationToken);
        return new PostOutcome.Posted(sent.MessageRef);
    }

    public Task<PostOutcome> UpdateAsync(Channel channel, string messageRef, BotReply reply, CancellationToken cancellationToken)
    {
        lock (_gate) _edits.Add(new Sent(channel.Key, messageRef, reply));
        Notify();
        return Task.FromResult<PostOutcome>(new PostOutcome.Posted(messageRef));
    }

    public Task<PostOutcome> ReplyInThreadAsync(Channel channel, string messageRef, string text, CancellationToken cancellationToken)
    {
        lock (_gate) _threadLines.Add((channel.Key, messageRef, text));
        Notify();
        return Task.FromResult<PostOutcome>(new PostOutcome.Posted($"{messageRef}/thread-{Interlocked.Increment(ref _refs)}"));
    }

    /// <summary>Waits (at most <paramref name="timeout"/>, default 30 s) until <paramref name="condition"/> holds.</summary>
    public async Task WaitForAsync(Func<RecordingSurface, bool> condition, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (condition(this)) return;
            try { await changed.WaitAsync(limit.Token); }
            catch (OperationCanceledException) { Assert.Fail($"{Platform}: condition not met in time; posts={Posts.Count}, edits={Edits.Count}, attempts={Attempts}"); }
        }
    }

    private void Notify() =>
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
