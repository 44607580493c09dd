using System.Text.Json;
using Bot.Core.Cards;

namespace Bot.WebChat;

/// <summary>
/// A card as the page receives it. The page renders cards the way Teams shows them, so it gets the same JSON,
/// Teams' <c>msteams</c> full-width property included.
/// </summary>
public static class WebChatCard
{
    private static readonly JsonElement FullWidth = JsonDocument.Parse("""{"width":"Full"}""").RootElement.Clone();

    public static string Serialize(AdaptiveCard card) => CardJson.SerializeWith(card, "msteams", FullWidth);
}
