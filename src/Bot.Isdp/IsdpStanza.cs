// Spec: docs/protocols/isdp.md §2 and the seed 000_d99d395622c457cf.txt (请求示例, 呼叫设备例子).
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using Bot.Core.Calls;

namespace Bot.Isdp;

/// <summary>
/// Builds the XMPP message stanza of a remote invite. For the seed's inputs the output is
/// byte-for-byte the seed's example: the same declaration, no indentation, <c>&lt;nick type="string" /&gt;</c>,
/// and <c>"</c> written as <c>&amp;quot;</c> inside <c>directives_attrs</c>. XML readers treat
/// <c>&amp;quot;</c> and a raw <c>"</c> in text alike; we copy the seed because the receiving
/// side's parser is not ours to test.
/// </summary>
public static class IsdpStanza
{
    public const string Directive = "qc-intellect-equip-remote-invite";
    public const string Body = "智能设备远端呼叫";

    /// <summary>Written by hand only because XmlWriter cannot emit the seed's exact declaration; it is a constant.</summary>
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>";

    /// <summary>A fresh stanza id shaped like the seed's (a 13-digit number).</summary>
    public static string NewId() =>
        RandomNumberGenerator.GetInt32(1_000_000, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The <c>directives_attrs</c> JSON for one invite and caller.</summary>
    public static string DirectivesJson(DirectivesAttrs attrs) =>
        JsonSerializer.Serialize(attrs, IsdpJsonContext.Wire.DirectivesAttrs);

    public static DirectivesAttrs Attrs(Invite invite, IsdpCaller caller) =>
        new(caller.UserId, caller.UserName, caller.UserNo, caller.TenantId, invite.DeviceId, invite.IsdpDeviceId);

    /// <summary>
    /// Builds the stanza. Values inside <c>directives_attrs</c> may hold anything: JSON escapes what
    /// XML 1.0 cannot carry (control characters become <c>\uXXXX</c>, and read back unchanged); a lone
    /// surrogate, which is no text at all, is written by System.Text.Json as U+FFFD. The attributes (<paramref name="chatJid"/>,
    /// <paramref name="id"/>, <paramref name="propertiesNamespace"/>) are addresses; one holding a character
    /// XML 1.0 cannot carry is rejected with <see cref="ArgumentException"/> rather than altered, since an
    /// altered address would reach a different device.
    /// </summary>
    public static string Build(string chatJid, string id, string propertiesNamespace, DirectivesAttrs attrs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatJid);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(propertiesNamespace);
        RequireXmlChars(chatJid, nameof(chatJid));
        RequireXmlChars(id, nameof(id));
        RequireXmlChars(propertiesNamespace, nameof(propertiesNamespace));

        var json = DirectivesJson(attrs);
        var text = new StringBuilder(512).Append(Declaration);
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            ConformanceLevel = ConformanceLevel.Document,
            Indent = false,
            CheckCharacters = true,
            NewLineHandling = NewLineHandling.Entitize,
        };
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartElement("message");
            xml.WriteAttributeString("to", chatJid);
            xml.WriteAttributeString("id", id);
            xml.WriteAttributeString("type", "chat");
            xml.WriteElementString("subject", Directive);
            xml.WriteElementString("body", Body);

            xml.WriteStartElement("properties", propertiesNamespace);
            WriteTyped(xml, propertiesNamespace, "content_type", "text");
            xml.WriteStartElement("nick", propertiesNamespace);
            xml.WriteAttributeString("type", "string");
            xml.WriteEndElement();
            WriteTyped(xml, propertiesNamespace, "directives_type", Directive);

            xml.WriteStartElement("directives_attrs", propertiesNamespace);
            xml.WriteAttributeString("type", "string");
            WriteTextQuotingLikeSeed(xml, json);
            xml.WriteEndElement();

            xml.WriteEndElement(); // properties
            xml.WriteEndElement(); // message
        }
        return text.ToString();
    }

    private static void WriteTyped(XmlWriter xml, string ns, string name, string value)
    {
        xml.WriteStartElement(name, ns);
        xml.WriteAttributeString("type", "string");
        xml.WriteString(value);
        xml.WriteEndElement();
    }

    /// <summary>XmlWriter escapes <c>&lt; &amp; &gt;</c>; quotes go out as the predefined entity, as in the seed.</summary>
    private static void WriteTextQuotingLikeSeed(XmlWriter xml, string text)
    {
        var start = 0;
        for (var i = text.IndexOf('"'); i >= 0; i = text.IndexOf('"', start))
        {
            if (i > start) xml.WriteString(text[start..i]);
            xml.WriteEntityRef("quot");
            start = i + 1;
        }
        if (start < text.Length) xml.WriteString(text[start..]);
    }

    /// <summary>Whether <paramref name="value"/> can stand in an XML 1.0 attribute unaltered.</summary>
    public static bool CanCarry(string value)
    {
        try
        {
            XmlConvert.VerifyXmlChars(value);
            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static void RequireXmlChars(string value, string parameter)
    {
        try
        {
            XmlConvert.VerifyXmlChars(value);
        }
        catch (XmlException)
        {
            throw new ArgumentException($"{parameter} holds a character XML 1.0 cannot carry.", parameter);
        }
    }
}
