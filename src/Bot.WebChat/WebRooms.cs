using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Bot.WebChat;

/// <summary>The rooms of the web chat, by id (the external id of a <c>web:…</c> channel). Kept in memory only.</summary>
public sealed class WebRooms(IOptions<WebChatOptions> options)
{
    private readonly ConcurrentDictionary<string, WebRoom> _rooms = new(StringComparer.Ordinal);

    public WebRoom this[string roomId] => _rooms.GetOrAdd(roomId, id => new WebRoom(id, Math.Max(10, options.Value.History)));

    /// <summary>The room the page talks in.</summary>
    public WebRoom Page => this[options.Value.Room];
}
