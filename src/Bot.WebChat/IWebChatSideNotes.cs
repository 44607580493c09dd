using Bot.Core.Text;

namespace Bot.WebChat;

/// <summary>
/// Lets the host show something beside the outcome of a click: the playground shows the stanza its
/// simulated ISDP received. <see cref="Mark"/> is taken before the click is handled, <see cref="Since"/> after.
/// </summary>
public interface IWebChatSideNotes
{
    long Mark();
    WebSideNote? Since(long mark, Texts texts);
}
