using System.Text.Json;
using Bot.Core.Cards;

namespace Bot.Teams;

/// <summary>
/// A card as Teams receives it: the Core's card with Teams' own root property <c>msteams</c>, which makes it use
/// the full width of the conversation (adaptive-cards.md).
/// </summary>
public static class TeamsCard
{
    public const string Property = "msteams";

    private static readonly JsonElement FullWidth = JsonDocument.Parse("""{"width":"Full"}""").RootElement.Clone();

    public static JsonElement ToElement(AdaptiveCard card) => CardJson.ToElementWith(card, Property, FullWidth);
}
