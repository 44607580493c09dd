using System.Text.Json;
using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Text;

namespace Bot.Core.Tests;

public sealed class CardJsonTests
{
    private static readonly Device Device = new() { DeviceId = "aqm0523", IsdpDeviceId = "aqm0523--1", ChatJid = "759646@example.com", Alias = "泵房 <A&B>" };

    private static Call Call() => new()
    {
        Id = "c0ffee",
        DeviceId = "aqm0523",
        ChannelKey = "slack:C1",
        RequestedBy = new ChatUser("slack", "U1", "张三"),
        State = CallState.Pending,
        CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
        ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(1_700_000_300),
    };

    private static CallCards Cards() => new(new BotClock(TimeProvider.System, TimeZoneInfo.Utc), Bot.Core.Integrations.Simulation.None);

    [Fact]
    public void The_confirmation_card_is_an_adaptive_card_1_5_with_execute_actions()
    {
        var json = CardJson.Serialize(Cards().Confirmation(Call(), Device, Texts.English, "c0ffee").Card);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal("AdaptiveCard", root.GetProperty("type").GetString());
        Assert.Equal("1.5", root.GetProperty("version").GetString());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", root.GetProperty("$schema").GetString());
        Assert.Equal(["TextBlock", "TextBlock", "FactSet"], root.GetProperty("body").EnumerateArray().Select(e => e.GetProperty("type").GetString()!));

        var actions = root.GetProperty("actions").EnumerateArray().ToList();
        Assert.All(actions, a => Assert.Equal("Action.Execute", a.GetProperty("type").GetString()));
        Assert.Equal(["call.confirm", "call.cancel"], actions.Select(a => a.GetProperty("verb").GetString()!));
        Assert.All(actions, a => Assert.Equal("c0ffee", a.GetProperty("data").GetProperty("id").GetString()));
        Assert.Equal("positive", actions[0].GetProperty("style").GetString());
    }

    [Fact]
    public void Nulls_are_left_out_and_names_are_camel_case()
    {
        var json = CardJson.Serialize(CardParts.Message("hi").Card);
        Assert.DoesNotContain("null", json);
        Assert.DoesNotContain("\"Body\"", json);
        Assert.Contains("\"body\"", json);
        Assert.DoesNotContain("isHeading", json);
    }

    [Fact]
    public void Chinese_stays_readable_and_markup_characters_are_escaped()
    {
        var json = CardJson.Serialize(Cards().Confirmation(Call(), Device, Texts.Chinese, "c0ffee").Card);
        Assert.Contains("泵房", json);
        Assert.Contains("呼叫", json);
        Assert.DoesNotContain("<A&B>", json);               // escaped as \u003C … \u0026 in JSON
        var back = CardJson.Deserialize(json)!;
        // The text is markdown with the alias escaped (it shows as typed): read back, it is the alias as typed.
        Assert.Contains(back.Body.OfType<TextBlock>(), t => CardMarkdown.Unescape(t.Text).Contains("泵房 <A&B>"));
    }

    [Fact]
    public void A_card_reads_back_to_the_same_card()
    {
        var card = Cards().Failed(Call() with { State = CallState.Failed, FailureDetail = "设备离线" }, Device, Texts.Chinese).Card;
        var json = CardJson.Serialize(card);
        Assert.Equal(json, CardJson.Serialize(CardJson.Deserialize(json)!));
        Assert.Contains("设备离线", json);
        Assert.Contains("call.retry", json);
    }
}
