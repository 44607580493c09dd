namespace Bot.WebChat;

/// <summary>
/// The web chat: a chat surface served by the bot itself. The host turns it on in playground mode only,
/// where nobody signs in, so it answers only on the loopback interface unless told otherwise.
/// </summary>
public sealed class WebChatOptions
{
    public const string Section = "WebChat";

    /// <summary>The web channel the page talks in (<c>web:{Room}</c>).</summary>
    public string Room { get; set; } = "playground";

    /// <summary>Every person on the page may use admin commands (map, unmap). Playground only.</summary>
    public bool EveryoneIsAdmin { get; set; }

    /// <summary>The page says that ISDP and Tencent are simulated.</summary>
    public bool Simulated { get; set; }

    /// <summary>Random bytes in a freshly made <see cref="AccessKey"/> (256 bits).</summary>
    public const int AccessKeyBytes = 32;

    /// <summary>
    /// The per-start key every request of the page's API must carry in <see cref="WebChatKeyCheck.Header"/>; the page
    /// reads it from its address (<c>#key=…</c>). Nobody signs in to the web chat: this key is what keeps it to the
    /// person who started the bot.
    /// </summary>
    public string AccessKey { get; set; } = "";

    /// <summary>
    /// Answer requests from other machines and through reverse proxies too (the key is still required). Off: only
    /// loopback clients with a loopback Host header and no forwarding headers.
    /// </summary>
    public bool AllowRemote { get; set; }

    /// <summary>Messages a room keeps for a page that (re)connects; older ones are dropped.</summary>
    public int History { get; set; } = 200;
}
