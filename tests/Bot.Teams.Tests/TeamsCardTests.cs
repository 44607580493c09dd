using System.Text.Json;
using Bot.Core.Cards;

namespace Bot.Teams.Tests;

public sealed class TeamsCardTests
{
    [Fact]
    public void Teams_gets_the_core_card_with_its_full_width_property_last()
    {
        var card = CardParts.Message("温度 <high>").Card;

        var element = TeamsCard.ToElement(card);

        var names = element.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal("msteams", names[^1]);
        Assert.Equal("Full", element.GetProperty("msteams").GetProperty("width").GetString());
        Assert.Equal(CardJson.ToElement(card).EnumerateObject().Select(p => p.Name), names[..^1]);
        Assert.Equal(CardJson.Serialize(card)[..^1] + ""","msteams":{"width":"Full"}}""", element.GetRawText());
        Assert.DoesNotContain("msteams", CardJson.Serialize(card), StringComparison.Ordinal);
    }
}
