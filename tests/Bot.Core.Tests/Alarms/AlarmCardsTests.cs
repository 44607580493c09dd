using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Text;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Alarms;

public sealed class AlarmCardsTests
{
    private readonly AlarmCards _cards = new(TestAlarms.Clock(new FakeTimeProvider()));

    private static Alarm Of(IncomingAlarm m, Acknowledgement? ack = null) => new() { Id = m.Id, Message = m, Acknowledgement = ack };

    private static IReadOnlyList<ExecuteAction> Buttons(BotReply r) => r.Card.Actions?.OfType<ExecuteAction>().ToList() ?? [];

    [Fact]
    public void A_device_warning_is_an_attention_card_with_the_firing_buttons()
    {
        var m = TestAlarms.Incoming(1, AlarmCategory.Device, timestamp: 1574855521420, productId: "22F9Y6II7O", deviceName: "light1") with { Title = "Over temperature", Text = "92 °C" };
        var reply = _cards.Build(Of(m), FakeDirectory.Lamp, Texts.English);

        var banner = reply.Card.Body.OfType<Container>().First();
        Assert.Equal(ContainerStyles.Attention, banner.Style);
        Assert.Equal("Device alarm: Over temperature", banner.Items.OfType<TextBlock>().First().Text);
        var facts = reply.Card.Body.OfType<FactSet>().Single().Facts.ToDictionary(f => f.Title, f => f.Value);
        Assert.Equal("Lamp (lamp01)", facts["Device"]);
        Assert.Equal("Device", facts["Category"]);
        Assert.Equal("Warning", facts["Severity"]);
        Assert.Equal("2019-11-27 19:52:01 (UTC+08:00)", facts["Time"]);
        Assert.Equal([(CardVerbs.AlarmAcknowledge, "1"), (CardVerbs.AlarmResolve, "1|Firing"), (CardVerbs.CallStart, "lamp01")], Buttons(reply).Select(b => (b.Verb, b.Data.Id)));
        var state = reply.Card.Body.OfType<Container>().Last();
        Assert.Equal((ContainerStyles.Attention, "Firing: nobody has acknowledged it yet"), (state.Style, state.Items.OfType<TextBlock>().Single().Text));
        Assert.NotNull(CardJson.Deserialize(CardJson.Serialize(reply.Card)));
    }

    [Fact]
    public void An_unknown_device_is_named_by_its_source_identity_and_offers_no_call()
    {
        var m = TestAlarms.Incoming(1, AlarmCategory.Device, productId: "P1", deviceName: "d1") with { DeviceAlias = "Gate" };
        var reply = _cards.Build(Of(m), null, Texts.English);
        Assert.Contains(reply.Card.Body.OfType<FactSet>().Single().Facts, f => f.Value == "Gate (P1/d1)");
        Assert.DoesNotContain(Buttons(reply), b => b.Verb == CardVerbs.CallStart);
    }

    [Fact]
    public void A_family_notice_is_calmer_and_in_Chinese_when_asked()
    {
        // The family notice of Tencent's message-list reference, as the source hands it in.
        var m = TestAlarms.Incoming(65167395785805824, AlarmCategory.Family, timestamp: 1574855517907, familyId: "1") with
        {
            Title = "成员添加结果通知", Text = "“jordan”将“dylan”添加为“深圳的家”的成员,成员可以查看和控制家里的智能设备。", FamilyName = "test",
        };
        var reply = _cards.Build(Of(m), null, Texts.Chinese);
        var banner = reply.Card.Body.OfType<Container>().First();
        Assert.Equal(ContainerStyles.Accent, banner.Style);
        Assert.Equal("家庭通知:成员添加结果通知", banner.Items.OfType<TextBlock>().First().Text);
        var facts = reply.Card.Body.OfType<FactSet>().Single().Facts.ToDictionary(f => f.Title, f => f.Value);
        Assert.Equal("test (1)", facts["家庭"]);
        Assert.Equal("提示", facts["级别"]);
    }

    [Fact]
    public void An_acknowledged_card_is_amber_says_who_and_when_and_offers_unacknowledge_and_resolve_but_no_second_acknowledge()
    {
        var ack = new Acknowledgement(new ChatUser("teams", "29:x", "王五"), DateTimeOffset.Parse("2026-11-22T08:30:00Z"));
        var reply = _cards.Build(Of(TestAlarms.Incoming(1), ack), FakeDirectory.Lamp, Texts.English);

        Assert.Contains("Acknowledged by 王五 at 2026-11-22 16:30:00 (UTC+08:00)", reply.Text);
        Assert.Equal(ContainerStyles.Warning, reply.Card.Body.OfType<Container>().Last().Style);
        Assert.Equal([CardVerbs.AlarmUnacknowledge, CardVerbs.AlarmResolve, CardVerbs.CallStart], Buttons(reply).Select(b => b.Verb));
    }

    [Fact]
    public void A_resolved_card_is_green_says_who_and_offers_only_reopen()
    {
        var change = new AlarmChange("1", AlarmTransition.Resolve, new ChatUser("slack", "U1", "张三"), "slack:C1", DateTimeOffset.Parse("2026-11-22T13:22:00Z"));
        var alarm = Of(TestAlarms.Incoming(1)) with { State = AlarmState.Resolved, Version = 2, LastChange = change };
        var reply = _cards.Build(alarm, FakeDirectory.Lamp, Texts.Chinese);

        Assert.Contains("已由 张三 于 2026-11-22 21:22:00 (UTC+08:00) 解决", reply.Text);
        Assert.Equal(ContainerStyles.Good, reply.Card.Body.OfType<Container>().Last().Style);
        Assert.Equal([(CardVerbs.AlarmReopen, "1")], Buttons(reply).Select(b => (b.Verb, b.Data.Id)));
    }

    [Theory]
    [InlineData(AlarmTransition.Unacknowledge, "Firing again: Ann took back the acknowledgement at 2026-11-22 16:30:00 (UTC+08:00)")]
    [InlineData(AlarmTransition.Reopen, "Firing again: reopened by Ann at 2026-11-22 16:30:00 (UTC+08:00)")]
    public void A_card_firing_again_is_red_says_who_moved_it_and_offers_the_firing_buttons(AlarmTransition transition, string line)
    {
        var change = new AlarmChange("1", transition, new ChatUser("slack", "U1", "Ann"), "slack:C1", DateTimeOffset.Parse("2026-11-22T08:30:00Z"));
        var reply = _cards.Build(Of(TestAlarms.Incoming(1)) with { State = AlarmState.Firing, Version = 2, LastChange = change }, FakeDirectory.Lamp, Texts.English);

        var state = reply.Card.Body.OfType<Container>().Last();
        Assert.Equal((ContainerStyles.Attention, line), (state.Style, state.Items.OfType<TextBlock>().Single().Text));
        Assert.Equal([CardVerbs.AlarmAcknowledge, CardVerbs.AlarmResolve, CardVerbs.CallStart], Buttons(reply).Select(b => b.Verb));
    }

    [Fact]
    public void Times_follow_the_bot_zone()
    {
        var utc = new AlarmCards(TestAlarms.Clock(new FakeTimeProvider(), "UTC"));
        var reply = utc.Build(Of(TestAlarms.Incoming(1, AlarmCategory.Notification, timestamp: 1574855504492)), null, Texts.English);
        Assert.Contains(reply.Card.Body.OfType<FactSet>().Single().Facts, f => f.Value == "2019-11-27 11:51:44 (UTC+00:00)");
    }

    [Fact]
    public void Options_name_a_bad_channel()
    {
        var validator = new AlarmOptionsValidator(Platforms);
        var result = validator.Validate(null, new AlarmOptions { NotificationChannels = ["irc:#ops"] });
        Assert.Contains(result.Failures!, f => f.StartsWith("Alarms:NotificationChannels:0", StringComparison.Ordinal));
        Assert.True(validator.Validate(null, new AlarmOptions()).Succeeded);
    }

    private static readonly ChatPlatforms Platforms = new([new KnownPlatform("slack"), new KnownPlatform("teams"), new KnownPlatform("web")]);

    [Fact]
    public void Options_name_the_registered_platforms_and_accept_their_channels()
    {
        var validator = new AlarmOptionsValidator(Platforms);
        var failure = Assert.Single(validator.Validate(null, new AlarmOptions { NotificationChannels = ["slack:C1", "teams:19:x", "irc:#ops"] }).Failures!);
        Assert.StartsWith("Alarms:NotificationChannels:2 must be platform:id with platform slack, teams or web", failure, StringComparison.Ordinal);
        Assert.False(new AlarmOptionsValidator(new ChatPlatforms([new KnownPlatform("web")])).Validate(null, new AlarmOptions { NotificationChannels = ["slack:C1"] }).Succeeded);
    }
}
