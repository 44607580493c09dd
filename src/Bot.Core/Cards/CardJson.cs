using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace Bot.Core.Cards;

/// <summary>Serializes cards exactly as Teams and the web chat receive them.</summary>
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
}
