// Spec: docs/protocols/adaptive-cards.md, "Teams": msteams.width, and msteams.entities for people a card mentions.
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Cards;

namespace Bot.Teams;

/// <summary>
/// A card as Teams receives it: the Core's card with Teams' own root property <c>msteams</c>, which makes it use
/// the full width of the conversation (adaptive-cards.md). People a fact names (<see cref="Fact.People"/>) are mentioned:
/// the value holds <c>&lt;at&gt;Name&lt;/at&gt;</c> and <c>msteams.entities</c> one mention entity per person, so Teams links them.
/// </summary>
public static class TeamsCard
{
    public const string Property = "msteams";

    private static readonly JsonElement FullWidth = JsonDocument.Parse("""{"width":"Full"}""").RootElement.Clone();

    public static JsonElement ToElement(AdaptiveCard card)
    {
        var mentions = new List<MentionedPerson>();
        var body = card.Body.Select(e => Mention(e, mentions)).ToList();
        if (mentions.Count == 0) return CardJson.ToElementWith(card, Property, FullWidth);
        var entities = new JsonArray();
        foreach (var person in mentions.DistinctBy(p => p.Id))
            entities.Add((JsonNode)new JsonObject
            {
                ["type"] = "mention",
                ["text"] = Tag(person),
                ["mentioned"] = new JsonObject { ["id"] = person.Id, ["name"] = person.Name },
            });
        var msteams = new JsonObject { ["width"] = "Full", ["entities"] = entities };
        using var value = JsonDocument.Parse(msteams.ToJsonString());
        return CardJson.ToElementWith(card with { Body = body }, Property, value.RootElement);
    }

    // The tag's text is the entity's text, character for character.
    private static string Tag(MentionedPerson person) => $"<at>{WebUtility.HtmlEncode(person.Name)}</at>";

    private static CardElement Mention(CardElement element, List<MentionedPerson> mentions) => element switch
    {
        FactSet set when set.Facts.Any(f => f.People is { Count: > 0 }) => set with
        {
            Facts = [.. set.Facts.Select(f => f.People is { Count: > 0 } people ? Named(f, people, mentions) : f)],
        },
        Container c => c with { Items = [.. c.Items.Select(i => Mention(i, mentions))] },
        ColumnSet s => s with { Columns = [.. s.Columns.Select(col => col with { Items = [.. col.Items.Select(i => Mention(i, mentions))] })] },
        _ => element,
    };

    private static Fact Named(Fact fact, IReadOnlyList<MentionedPerson> people, List<MentionedPerson> mentions)
    {
        mentions.AddRange(people);
        return fact with { Value = string.Join(", ", people.Select(Tag)) };
    }
}
