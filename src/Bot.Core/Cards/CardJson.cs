using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace Bot.Core.Cards;

/// <summary>Serializes cards exactly as the surfaces that show Adaptive Cards receive them.</summary>
public static class CardJson
{
    /// <summary>Chinese text stays readable on the wire; HTML-sensitive characters are still escaped.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        AllowOutOfOrderMetadataProperties = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        TypeInfoResolver = CardJsonContext.Default,
    };

    private static readonly JsonTypeInfo<AdaptiveCard> CardType = (JsonTypeInfo<AdaptiveCard>)Options.GetTypeInfo(typeof(AdaptiveCard));

    public static string Serialize(AdaptiveCard card) => JsonSerializer.Serialize(card, CardType);

    public static AdaptiveCard? Deserialize(string json) => JsonSerializer.Deserialize(json, CardType);

    public static JsonElement ToElement(AdaptiveCard card) => JsonSerializer.SerializeToElement(card, CardType);

    /// <summary>
    /// The card with one more root property after the others: a host extension (Adaptive Cards let each host read
    /// its own root property), added by the surface that needs it. Written with the same encoder as <see cref="Serialize"/>.
    /// </summary>
    public static string SerializeWith(AdaptiveCard card, string property, JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Options.Encoder }))
        {
            writer.WriteStartObject();
            foreach (var member in ToElement(card).EnumerateObject())
                if (member.Name != property) member.WriteTo(writer);
            writer.WritePropertyName(property);
            value.WriteTo(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary><see cref="SerializeWith"/> as a JSON element (for a surface that embeds the card in its own message).</summary>
    public static JsonElement ToElementWith(AdaptiveCard card, string property, JsonElement value)
    {
        using var document = JsonDocument.Parse(SerializeWith(card, property, value));
        return document.RootElement.Clone();
    }
}
