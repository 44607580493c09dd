using System.Text.Json;
using Bot.Core.Cards;
using Bot.Teams.Connector;

namespace Bot.Teams.Tests;

/// <summary>Mentions as the Bot Framework schema has them: the text holds &lt;at&gt;Name&lt;/at&gt;, an entity per person the same text.</summary>
public sealed class TeamsMentionsTests
{
    [Fact]
    public void A_line_naming_people_becomes_at_tags_with_one_mention_entity_each()
    {
        var activity = TeamsMessages.TextMessage("<@29:1Bob|Bob Wang> <@6f1a-aad|张三 & 李四>: not acknowledged for 5 min.");

        Assert.Null(activity.TextFormat);
        Assert.Collection(activity.Entities!,
            e => Assert.Equal(("mention", "<at>Bob Wang</at>", "29:1Bob", "Bob Wang"), (e.Type, e.Text, e.Mentioned!.Id, e.Mentioned.Name)),
            e => Assert.Equal(("mention", "<at>张三 &amp; 李四</at>", "6f1a-aad", "张三 & 李四"), (e.Type, e.Text, e.Mentioned!.Id, e.Mentioned.Name)));
        Assert.All(activity.Entities!, e => Assert.Contains(e.Text!, activity.Text, StringComparison.Ordinal));
        Assert.StartsWith("<at>Bob Wang</at> ", activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_without_mentions_stays_plain_text()
    {
        var activity = TeamsMessages.TextMessage("张三 acknowledged · 21:22 <b>");

        Assert.Equal("plain", activity.TextFormat);
        Assert.Equal("张三 acknowledged · 21:22 <b>", activity.Text);
        Assert.Null(activity.Entities);
    }

    [Fact]
    public void A_card_naming_people_mentions_them_through_msteams_entities()
    {
        var people = new[] { new MentionedPerson("29:1Bob", "Bob Wang"), new MentionedPerson("6f1a-aad", "张三") };
        var card = new AdaptiveCard { Body = [new Container([new FactSet([CardParts.Fact("On call", "Bob Wang, 张三") with { People = people }])])] };

        var element = TeamsCard.ToElement(card);

        var value = element.GetProperty("body")[0].GetProperty("items")[0].GetProperty("facts")[0].GetProperty("value").GetString();
        Assert.Equal("<at>Bob Wang</at>, <at>张三</at>", value);
        var entities = element.GetProperty("msteams").GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(["29:1Bob", "6f1a-aad"], entities.Select(e => e.GetProperty("mentioned").GetProperty("id").GetString()));
        Assert.All(entities, e => Assert.Equal("mention", e.GetProperty("type").GetString()));
        Assert.All(entities, e => Assert.Contains(e.GetProperty("text").GetString()!, value, StringComparison.Ordinal));
        Assert.Equal("Full", element.GetProperty("msteams").GetProperty("width").GetString());
        // The web chat and the Core's JSON show the names.
        Assert.Contains("Bob Wang, 张三", CardJson.Serialize(card), StringComparison.Ordinal);
        Assert.DoesNotContain("People", CardJson.Serialize(card), StringComparison.OrdinalIgnoreCase);
    }
}
