using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Cards;
using Bot.Core.Text;
using Bot.StandIns.Slack;
using static Bot.Core.Cards.CardParts;

namespace Bot.Slack.Tests;

public sealed class BlockKitTests
{
    private static readonly Texts En = Texts.English;

    private static JsonElement Json(SlackMessage message) => JsonDocument.Parse(message.ToJson().ToJsonString()).RootElement;

    private static void AssertValid(SlackMessage message) => Assert.Empty(SlackBlockRules.Problems(Json(message).GetProperty("blocks")));

    private static IEnumerable<JsonObject> Blocks(SlackMessage m) => m.Blocks.Select(b => b!.AsObject());

    [Fact]
    public void A_confirmation_card_becomes_header_section_fields_and_buttons()
    {
        var card = new AdaptiveCard
        {
            Body = [Title("Call pump (aqm0523)?"), Paragraph("Only 张三 can confirm."), new FactSet([new("Device", "pump"), new("ISDP device id", "aqm0523--1")])],
            Actions = [Button("Call", CardVerbs.CallConfirm, "c0ffee", ActionStyles.Positive), Button("Cancel", CardVerbs.CallCancel, "c0ffee")],
        };
        var message = BlockKit.Translate(new BotReply(card, "Call pump (aqm0523)?"), En);

        AssertValid(message);
        Assert.Equal(["header", "section", "section", "actions"], Blocks(message).Select(b => (string)b["type"]!));
        Assert.Equal("Call pump (aqm0523)?", (string)message.Blocks[0]!["text"]!["text"]!);
        Assert.Equal("*Device*\npump", (string)message.Blocks[2]!["fields"]![0]!["text"]!);
        var buttons = message.Blocks[3]!["elements"]!.AsArray();
        Assert.Equal("call.confirm#0", (string)buttons[0]!["action_id"]!);
        Assert.Equal("c0ffee", (string)buttons[0]!["value"]!);
        Assert.Equal("primary", (string)buttons[0]!["style"]!);
        Assert.Equal("call.cancel#1", (string)buttons[1]!["action_id"]!);
        Assert.Null(buttons[1]!["style"]);
        Assert.Equal("Call pump (aqm0523)?", message.Text);
    }

    [Fact]
    public void Verbs_come_back_from_action_ids()
    {
        Assert.Equal(CardVerbs.CallConfirm, BlockKit.VerbOf("call.confirm#3"));
        Assert.Equal(CardVerbs.AlarmAcknowledge, BlockKit.VerbOf("alarm.ack"));
        Assert.Equal("", BlockKit.VerbOf("#1"));
    }

    [Fact]
    public void User_text_is_escaped_in_mrkdwn_and_fallback_text_but_not_in_plain_text()
    {
        var card = new AdaptiveCard { Body = [Title("<b>&"), Paragraph("<@U123> & <!here>"), new FactSet([new("a<b", "c>d&e")])] };
        var message = BlockKit.Translate(new BotReply(card, "<!channel> & co"), En);
        var json = message.ToJson().ToJsonString();

        Assert.Equal("<b>&", (string)message.Blocks[0]!["text"]!["text"]!);        // header: plain_text shows literally
        Assert.Equal("&lt;@U123&gt; &amp; &lt;!here&gt;", (string)message.Blocks[1]!["text"]!["text"]!);
        Assert.Equal("*a&lt;b*\nc&gt;d&amp;e", (string)message.Blocks[2]!["fields"]![0]!["text"]!);
        Assert.Equal("&lt;!channel&gt; &amp; co", message.Text);
        Assert.DoesNotContain("<!", json.Replace("\\u003C", "<", StringComparison.Ordinal).Replace("<b>&", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Over_long_texts_are_cut_visibly_within_limits()
    {
        var longText = new string('长', 5000);
        var card = new AdaptiveCard
        {
            Body = [Title(new string('T', 400)), Paragraph(longText), new FactSet([new("F", new string('v', 3000))])],
            Actions = [Button(new string('B', 200), CardVerbs.CallConfirm, "id")],
        };
        var message = BlockKit.Translate(new BotReply(card, longText), En);

        AssertValid(message);
        var header = (string)message.Blocks[0]!["text"]!["text"]!;
        Assert.Equal(BlockKit.MaxHeader, header.Length);
        Assert.EndsWith("…", header);
        Assert.EndsWith("…", (string)message.Blocks[1]!["text"]!["text"]!);
        Assert.EndsWith("…", (string)message.Blocks[2]!["fields"]![0]!["text"]!);
        Assert.EndsWith("…", (string)message.Blocks[3]!["elements"]![0]!["text"]!["text"]!);
        Assert.EndsWith("…", message.Text);
    }

    [Fact]
    public void Cutting_never_splits_a_surrogate_pair_or_an_escape()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", 100));
        var cut = BlockKit.Cut(emoji, 51);
        Assert.False(char.IsHighSurrogate(cut[^2]) && cut[^1] == '…');
        Assert.True(cut.Length <= 51);

        var escaped = BlockKit.Escape(new string('&', 100));
        var cut2 = BlockKit.Cut(escaped, 23);
        Assert.EndsWith("&amp;…", cut2);
        Assert.True(cut2.Length <= 23);
    }

    [Fact]
    public void More_than_ten_facts_split_into_several_sections()
    {
        var facts = Enumerable.Range(1, 23).Select(i => new Fact($"k{i}", $"v{i}")).ToList();
        var message = BlockKit.Translate(new BotReply(new AdaptiveCard { Body = [new FactSet(facts)] }, "facts"), En);
        AssertValid(message);
        Assert.Equal([10, 10, 3], Blocks(message).Select(b => b["fields"]!.AsArray().Count));
    }

    [Fact]
    public void More_than_fifty_blocks_and_25_buttons_are_cut_with_a_note_saying_so()
    {
        var body = Enumerable.Range(0, 80).Select(i => (CardElement)Paragraph($"line {i}")).ToList();
        body.Add(new ActionSet(Enumerable.Range(0, 30).Select(i => (CardAction)Button($"b{i}", CardVerbs.CallStart, $"d{i}")).ToList()));
        var message = BlockKit.Translate(new BotReply(new AdaptiveCard { Body = body }, "many"), En);

        AssertValid(message);
        Assert.Equal(BlockKit.MaxBlocks, message.Blocks.Count);
        var note = (string)message.Blocks[^1]!["elements"]![0]!["text"]!;
        Assert.Equal("context", (string)message.Blocks[^1]!["type"]!);
        Assert.Contains("33 more", note);   // 80 lines + actions + its note = 82 blocks, 49 shown

        var buttons = BlockKit.Translate(new BotReply(new AdaptiveCard { Body = [body[^1]] }, "buttons"), En);
        AssertValid(buttons);
        Assert.Equal(BlockKit.MaxElements, buttons.Blocks[0]!["elements"]!.AsArray().Count);
        Assert.Contains("5 more", (string)buttons.Blocks[1]!["elements"]![0]!["text"]!);
    }

    [Fact]
    public void A_device_list_row_becomes_a_section_with_its_call_button_as_accessory()
    {
        var row = new ColumnSet([
            new Column([new TextBlock("泵房 <1> (aqm0523)") { Weight = TextWeights.Bolder }, Subtle("aqm0523--1")]),
            new Column([new ActionSet([Button("Call", CardVerbs.CallStart, "aqm0523")])]),
        ]) { Separator = true };
        var message = BlockKit.Translate(new BotReply(new AdaptiveCard { Body = [Title("Devices"), row, row] }, "Devices"), En);

        AssertValid(message);   // action_ids stay unique across rows
        Assert.Equal(["header", "divider", "section", "divider", "section"], Blocks(message).Select(b => (string)b["type"]!));
        Assert.Equal("*泵房 &lt;1&gt; (aqm0523)*\n_aqm0523--1_", (string)message.Blocks[2]!["text"]!["text"]!);
        Assert.Equal("aqm0523", (string)message.Blocks[2]!["accessory"]!["value"]!);
    }

    [Fact]
    public void Destructive_buttons_ask_for_confirmation_and_outcome_banners_carry_their_severity()
    {
        var card = new AdaptiveCard
        {
            Body = [Banner(ContainerStyles.Attention, Title("Call failed"), Paragraph("ISDP said no"))],
            Actions = [Button("Remove", "device.remove", "x", ActionStyles.Destructive)],
        };
        var message = BlockKit.Translate(new BotReply(card, "Call failed"), En);

        AssertValid(message);
        Assert.Equal(":red_circle: Call failed", (string)message.Blocks[0]!["text"]!["text"]!);
        Assert.Equal("ISDP said no", (string)message.Blocks[1]!["text"]!["text"]!);
        var button = message.Blocks[2]!["elements"]![0]!;
        Assert.Equal("danger", (string)button["style"]!);
        Assert.Equal("Are you sure?", (string)button["confirm"]!["title"]!["text"]!);
    }

    [Fact]
    public void An_id_too_long_for_a_value_is_never_cut()
    {
        var message = BlockKit.Translate(new BotReply(new AdaptiveCard { Body = [], Actions = [Button("Go", CardVerbs.CallStart, new string('x', 2001))] }, "x"), En);
        Assert.Null(message.Blocks[0]!["elements"]![0]!["value"]);
    }

    [Fact]
    public void Empty_text_still_gives_valid_blocks_and_a_fallback()
    {
        var message = BlockKit.Translate(new BotReply(new AdaptiveCard { Body = [Paragraph("")], FallbackText = "fallback" }, ""), En);
        AssertValid(message);
        Assert.Equal("fallback", message.Text);
    }

    [Fact]
    public void People_a_fact_names_become_slack_mentions_and_other_ids_stay_names()
    {
        var slackPeople = Fact("On call", "Bob, Ann") with { People = [new MentionedPerson("U0BOB", "Bob"), new MentionedPerson("W0ANN", "Ann")] };
        var otherPeople = Fact("On call", "Bob <x>") with { People = [new MentionedPerson("29:1Bob", "Bob <x>")] };
        var message = BlockKit.Translate(new BotReply(new AdaptiveCard { Body = [new FactSet([slackPeople, otherPeople])] }, "card"), En);

        AssertValid(message);
        var fields = message.Blocks[0]!["fields"]!.AsArray().Select(f => (string)f!["text"]!).ToList();
        Assert.Equal(["*On call*\n<@U0BOB>, <@W0ANN>", "*On call*\nBob &lt;x&gt;"], fields);
    }
}
