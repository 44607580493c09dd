using System.Buffers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Core.Cards;

namespace Bot.WebChat;

/// <summary>A person on the page: an id the page generated once (kept in the browser) and the name they typed.</summary>
public sealed record WebUser(string? Id, string? Name);

/// <summary><c>POST /web/messages</c>: what a person typed.</summary>
public sealed record WebTextRequest(WebUser? User, string? Locale, string? Text);

/// <summary><c>POST /web/actions</c>: a click on a card's button (verb and id from the action's data) and the message it was on.</summary>
public sealed record WebActionRequest(WebUser? User, string? Locale, string? Verb, string? Id, string? MessageId);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WebTextRequest))]
[JsonSerializable(typeof(WebActionRequest))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class WebChatJsonContext : JsonSerializerContext;

/// <summary>
/// What the page receives. Cards are written verbatim as <see cref="CardJson.Serialize"/> produced them
/// (the same JSON Teams gets), never re-encoded, so the page renders exactly the bot's card.
/// </summary>
public static class WebChatWire
{
    private static readonly JsonWriterOptions Writer = new() { Encoder = CardJson.Options.Encoder };

    public static SseItem<string> Event(string type, WebMessage message) => new(Write(w => Message(w, message)), type);

    public static SseItem<string> Snapshot(IEnumerable<WebMessage> messages) => new(Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("messages");
        foreach (var message in messages) Message(w, message);
        w.WriteEndArray();
        w.WriteEndObject();
    }), "snapshot");

    public static string Posted(WebMessage said, WebMessage reply) => Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("message");
        Message(w, said);
        w.WritePropertyName("reply");
        Message(w, reply);
        w.WriteEndObject();
    });

    public static string Clicked(WebMessage? updated, WebMessage? reply, string? notice) => Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("updated");
        if (updated is null) w.WriteNullValue(); else Message(w, updated);
        w.WritePropertyName("reply");
        if (reply is null) w.WriteNullValue(); else Message(w, reply);
        w.WriteString("notice", notice);
        w.WriteEndObject();
    });

    public static void Message(Utf8JsonWriter w, WebMessage message)
    {
        w.WriteStartObject();
        w.WriteString("id", message.Id);
        w.WriteString("kind", message.Kind);
        if (message.Author is not null) w.WriteString("author", message.Author);
        if (message.Text is not null) w.WriteString("text", message.Text);
        if (message.ThreadOf is not null) w.WriteString("threadOf", message.ThreadOf);
        w.WriteString("at", message.At);
        if (message.CardJson is not null)
        {
            w.WritePropertyName("card");
            w.WriteRawValue(message.CardJson, skipInputValidation: true);
        }
        if (message.Note is { } note)
        {
            w.WriteStartObject("note");
            w.WriteString("title", note.Title);
            w.WriteString("text", note.Text);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Writer)) write(w);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
