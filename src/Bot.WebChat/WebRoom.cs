using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace Bot.WebChat;

/// <summary>
/// A web channel's recent transcript and the pages following it. Every change is sent to every open page
/// (Server-Sent Events), and a page that (re)connects first gets the whole transcript, so reloads lose nothing.
/// </summary>
public sealed class WebRoom(string id, int capacity)
{
    private const int PageBacklog = 256;
    private readonly Lock _gate = new();
    private readonly List<WebMessage> _messages = [];
    private readonly List<Channel<SseItem<string>>> _pages = [];
    // Ids differ across restarts, so a page open before a restart never edits a newer message by mistake.
    private readonly string _epoch = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
    private long _sequence;

    public string Id { get; } = id;

    public IReadOnlyList<WebMessage> Messages
    {
        get { lock (_gate) return [.. _messages]; }
    }

    public int PagesFollowing
    {
        get { lock (_gate) return _pages.Count; }
    }

    public string NewMessageId() => $"{_epoch}-{Interlocked.Increment(ref _sequence)}";

    public WebMessage? Find(string messageId)
    {
        lock (_gate) return _messages.Find(m => m.Id == messageId);
    }

    public WebMessage Append(WebMessage message)
    {
        lock (_gate)
        {
            _messages.Add(message);
            if (_messages.Count > capacity) _messages.RemoveRange(0, _messages.Count - capacity);
            Broadcast(WebChatWire.Event("message", message));
        }
        return message;
    }

    /// <summary>Changes a message every page shows; null when the room no longer has it.</summary>
    public WebMessage? Update(string messageId, Func<WebMessage, WebMessage> change)
    {
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.Id == messageId);
            if (index < 0) return null;
            var changed = change(_messages[index]) with { Id = messageId };
            _messages[index] = changed;
            Broadcast(WebChatWire.Event("update", changed));
            return changed;
        }
    }

    /// <summary>The transcript, then every change, until the page goes away or <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<SseItem<string>> FollowAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(PageBacklog) { SingleReader = true });
        lock (_gate)
        {
            page.Writer.TryWrite(WebChatWire.Snapshot(_messages));
            _pages.Add(page);
        }
        try
        {
            while (true)
            {
                bool more;
                try { more = await page.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { yield break; }
                if (!more) yield break;
                while (page.Reader.TryRead(out var item)) yield return item;
            }
        }
        finally
        {
            lock (_gate) _pages.Remove(page);
        }
    }

    private void Broadcast(SseItem<string> item)
    {
        // A page too slow to keep up is disconnected; its browser reconnects and gets the transcript afresh.
        foreach (var page in _pages)
            if (!page.Writer.TryWrite(item)) page.Writer.TryComplete();
    }
}
