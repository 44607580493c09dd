using System.Buffers;
using System.Text;
using System.Text.Json;
using Bot.Core.Alarms;
using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Integrations;
using Bot.Core.OnCall;
using Bot.Core.Text;
using Microsoft.Extensions.Time.Testing;
using static Bot.Core.Cards.CardParts;

namespace Bot.Slack.Tests;

/// <summary>
/// The Block Kit written straight to JSON (the slash command's answer) and read back as a tree (posts and edits) is,
/// byte for byte, what the translation built as a tree of JSON objects gave (<see cref="BlockKitTree"/>): for every
/// card the bot makes, in both languages, and for cards that reach each of Slack's limits.
/// </summary>
public sealed class BlockKitWriterTests
{
    private static readonly BotClock Clock = new(new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T08:00:00Z")), TimeZoneInfo.Utc);
    private static readonly Texts[] Languages = [Texts.English, Texts.Chinese];

    public static TheoryData<string> Cards() => [.. AllCards(Texts.English).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cards))]
    public void The_direct_json_and_the_tree_read_back_equal_the_tree_built_before(string name)
    {
        foreach (var t in Languages)
        {
            var reply = AllCards(t).Single(c => c.Name == name).Reply;
            var expected = BlockKitTree.Translate(reply, t).ToJson(("response_type", "ephemeral")).ToJsonString(SlackJson.Wire);

            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = SlackJson.Wire.Encoder }))
                BlockKit.Write(writer, reply, t, "response_type", "ephemeral");
            Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));

            var tree = BlockKit.Translate(reply, t);
            Assert.Equal(expected, tree.ToJson(("response_type", "ephemeral")).ToJsonString(SlackJson.Wire));
            Assert.Equal(BlockKitTree.Translate(reply, t).Text, tree.Text);
        }
    }

    [Fact]
    public void The_cards_reach_every_limit_the_translation_has()
    {
        var cards = AllCards(Texts.English).ToDictionary(c => c.Name, c => BlockKit.Translate(c.Reply, Texts.English));
        Assert.Equal(BlockKit.MaxBlocks - 1, cards["blocks 49"].Blocks.Count);
        Assert.Equal(BlockKit.MaxBlocks, cards["blocks 50"].Blocks.Count);
        Assert.Equal("section", (string)cards["blocks 50"].Blocks[^1]!["type"]!);
        Assert.Equal(BlockKit.MaxBlocks, cards["blocks 51"].Blocks.Count);
        Assert.Equal("context", (string)cards["blocks 51"].Blocks[^1]!["type"]!);
        Assert.Equal(BlockKit.MaxBlocks, cards["blocks 120 with separators"].Blocks.Count);
        Assert.Contains(cards["choices"].Blocks[0]!["elements"]!.AsArray(), e => (string)e!["type"]! == "static_select");
    }

    private static IEnumerable<(string Name, BotReply Reply)> AllCards(Texts t)
    {
        var device = new Device { DeviceId = "aqm0523", IsdpDeviceId = "aqm0523--1", ChatJid = "759646@saasgroupchat.example.com", Alias = "泵房 <1> & co" };
        var call = new Call
        {
            Id = "0123456789abcdef0123", DeviceId = device.DeviceId, ChannelKey = "slack:C1", RequestedBy = new ChatUser("slack", "U1", "张三 <b>"),
            State = CallState.Pending, CreatedAt = Clock.Now, ExpiresAt = Clock.Now.AddMinutes(5),
        };
        foreach (var simulation in new[] { Simulation.None, new Simulation(["Isdp"]) })
        {
            var cards = new CallCards(Clock, simulation);
            var tag = simulation.Integrations.Count == 0 ? "" : " simulated";
            yield return ("call confirmation" + tag, cards.Confirmation(call, device, t, "token.abc"));
            yield return ("call calling" + tag, cards.Calling(call with { State = CallState.Confirmed }, device, t));
            yield return ("call sent" + tag, cards.Sent(call with { State = CallState.Sent, FinishedAt = Clock.Now }, device, t));
            yield return ("call failed" + tag, cards.Failed(call with { State = CallState.Failed, FinishedAt = Clock.Now, FailureDetail = "ISDP said <no>" }, device, t));
            yield return ("call failed, no retry" + tag, cards.Failed(call with { State = CallState.Failed, FinishedAt = Clock.Now }, device, t, canRetry: false));
            yield return ("call expired" + tag, cards.Expired(call with { State = CallState.Expired }, device, t, TimeSpan.FromMinutes(5)));
            yield return ("call cancelled" + tag, cards.Cancelled(call with { State = CallState.Cancelled }, device, t, "李四"));
        }
        yield return ("devices none", DeviceCards.List([], t));
        yield return ("devices one", DeviceCards.List([device], t));
        yield return ("devices 60", DeviceCards.List([.. Enumerable.Range(0, 60).Select(i => device with { DeviceId = $"dev{i:D4}", Alias = i % 2 == 0 ? "" : $"泵{i}" })], t));
        yield return ("help", DeviceCards.Help(t));
        yield return ("help unknown", DeviceCards.Help(t, "frobnicate <x>"));
        yield return ("message", Message("Done & dusted <@U1>"));
        yield return ("message titled", Message("body", "Title *bold*"));

        var alarms = new AlarmCards(Clock);
        foreach (var category in Enum.GetValues<AlarmCategory>())
            foreach (var severity in Enum.GetValues<AlarmSeverity>())
            {
                var incoming = new IncomingAlarm
                {
                    Id = "a1", Source = "tencent", Category = category, Severity = severity, At = Clock.Now,
                    Title = "Smoke <in> [room](x)", Text = "Line 1\n- item & more", FamilyId = "f1", FamilyName = "Home",
                    Device = new SourceIdentity("P1", "dev1"), DeviceAlias = "Kitchen",
                };
                var alarm = new Alarm { Id = "a1", Message = incoming };
                yield return ($"alarm {category} {severity}", alarms.Build(alarm, device, t));
                yield return ($"alarm {category} {severity} acknowledged, on call", alarms.Build(
                    alarm with { Acknowledgement = new Acknowledgement(new ChatUser("slack", "U1", "Wang"), Clock.Now) }, null, t,
                    [new OnCallPerson("U0123ABC", "Li"), new OnCallPerson("someone", "Zhao")]));
            }

        var people = new Fact("On call", "Li, Zhao") { People = [new MentionedPerson("U0123ABC", "Li"), new MentionedPerson("W999ZZZ", "Zhao")] };
        var named = new Fact("Named", "x") { People = [new MentionedPerson("U0123ABC", "Li"), new MentionedPerson("not an id", "Zhao")] };
        yield return ("every element", new BotReply(new AdaptiveCard
        {
            Body =
            [
                Title("Heading <&>"), Title("Red heading", TextColors.Attention), Subtle("subtle & small"), Paragraph(""),
                new TextBlock("**bolder**") { Weight = TextWeights.Bolder }, new TextBlock("two\nlines") { Weight = TextWeights.Bolder },
                new TextBlock("warn") { Color = TextColors.Warning, Separator = true }, new TextBlock("attention") { Color = TextColors.Attention },
                new FactSet([.. Enumerable.Range(0, 23).Select(i => Fact($"t{i} <", $"v{i} >")), people, named]),
                Banner(ContainerStyles.Attention, Title("In banner"), Paragraph("second")),
                Banner(ContainerStyles.Warning, Paragraph("warning banner")), Banner(ContainerStyles.Good, Subtle("good banner")),
                new Container([Paragraph("plain container")]) { Separator = true },
                new ColumnSet([new Column([Paragraph("left"), Subtle("under")]), new Column([new ActionSet([Button("Only", CardVerbs.CallStart, "aqm0523")])])]),
                new ColumnSet([new Column([new FactSet([Fact("k", "v")])]), new Column([new ActionSet([Button("A", CardVerbs.CallStart, "1"), Button("B", CardVerbs.CallStart, "2")])])]),
                new ColumnSet([new Column([new ActionSet([Button("Lonely", CardVerbs.CallStart, "3")])])]),
                new ActionSet([Button("Go", CardVerbs.CallConfirm, "c1", ActionStyles.Positive), Button("Stop", CardVerbs.CallCancel, "c1", ActionStyles.Destructive)]),
            ],
            Actions = [.. Enumerable.Range(0, 30).Select(i => Button($"Button {i} " + new string('x', i * 4), CardVerbs.CallStart, $"id{i}"))],
            FallbackText = "fallback",
        }, ""));
        yield return ("choices", new BotReply(new AdaptiveCard
        {
            Body = [],
            Actions =
            [
                new ShowCardAction("Pick one", new AdaptiveCard { Body = [], Actions = [Button("One", CardVerbs.CallStart, "1"), Button("Two", CardVerbs.CallStart, "2")] }),
                new ShowCardAction("Mixed", new AdaptiveCard { Body = [], Actions = [Button("One", CardVerbs.CallStart, "1"), Button("Two", CardVerbs.CallCancel, "2")] }),
                new ShowCardAction("Too long", new AdaptiveCard { Body = [], Actions = [Button("One", CardVerbs.CallStart, new string('i', 151))] }),
                Button("Unusable", CardVerbs.CallStart, new string('x', 2001)),
            ],
        }, "choices"));
        var longText = new string('長', 3100) + "&amp;";
        yield return ("cut everywhere", new BotReply(new AdaptiveCard
        {
            Body = [Title(longText), Paragraph(longText), new FactSet([Fact(longText, longText)]), Subtle(longText)],
            Actions = [Button(longText, new string('v', 300), "id", ActionStyles.Destructive)],
        }, longText + "<>"));
        foreach (var count in new[] { 49, 50, 51 })
            yield return ($"blocks {count}", new BotReply(new AdaptiveCard { Body = [.. Enumerable.Range(0, count).Select(i => Paragraph($"p{i}"))] }, "many"));
        yield return ("blocks 120 with separators", new BotReply(new AdaptiveCard
        {
            Body = [.. Enumerable.Range(0, 60).Select(i => new TextBlock($"p{i}") { Separator = true })],
        }, "many"));
    }
}
