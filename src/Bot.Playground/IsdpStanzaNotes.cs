using System.Xml;
using System.Xml.Linq;
using Bot.Core.Text;
using Bot.WebChat;

namespace Bot.Playground;

/// <summary>
/// Beside a call's outcome the page shows the stanza the simulated ISDP accepted during that click,
/// pretty-printed. Two people clicking in the same instant could see each other's stanza; fine for a playground.
/// </summary>
public sealed class IsdpStanzaNotes(PlaygroundStandIns standIns) : IWebChatSideNotes
{
    public long Mark() => standIns.Isdp.ReceivedInvites.Count;

    public WebSideNote? Since(long mark, Texts texts)
    {
        var invites = standIns.Isdp.ReceivedInvites;
        return invites.Count > mark ? new WebSideNote(texts[TextId.WebStanzaTitle], Pretty(invites[(int)mark].RawStanza)) : null;
    }

    public static string Pretty(string stanza)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(stanza), settings);
            var document = XDocument.Load(reader);
            var declaration = document.Declaration is { } d ? d + "\n" : "";
            return declaration + document.Root!.ToString(SaveOptions.None);
        }
        catch (XmlException)
        {
            return stanza;
        }
    }
}
