using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Commands;
using Bot.Core.OnCall;
using Bot.Core.Storage;
using Bot.Core.Tests.Alarms;
using Bot.Core.Text;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.OnCall;

public sealed class OnCallTests
{
    [Theory]
    [InlineData("oncall", OnCallAction.Show, null)]
    [InlineData("/oncall add <@U0BOB|bob>", OnCallAction.Add, "<@U0BOB|bob>")]
    [InlineData("oncall add <@ab-12|Bob Wang>", OnCallAction.Add, "<@ab-12|Bob Wang>")]
    [InlineData("值班 删除 <@U0BOB>", OnCallAction.Remove, "<@U0BOB>")]
    [InlineData("oncall remove", OnCallAction.Remove, null)]
    public void The_parser_reads_oncall(string text, OnCallAction action, string? person) =>
        Assert.Equal(new BotCommand.OnCall(action, person), CommandParser.Parse(text));

    [Fact]
    public void Oncall_with_another_word_is_not_understood() =>
        Assert.IsType<BotCommand.Unknown>(CommandParser.Parse("oncall swap <@U1>"));

    [Theory]
    [InlineData("<@U0BOB|bob>", "U0BOB", "bob")]
    [InlineData("<@U0BOB>", "U0BOB", "U0BOB")]
    [InlineData("<@ab-12|Bob Wang>", "ab-12", "Bob Wang")]
    public void A_mention_names_a_person(string text, string id, string name) =>
        Assert.Equal(new OnCallPerson(id, name), OnCallMention.Parse(text));

    [Theory]
    [InlineData("bob")]
    [InlineData("<@>")]
    [InlineData("<@U1|a> <@U2|b>")]
    [InlineData("<!channel>")]
    public void Anything_else_is_no_person(string text) => Assert.Null(OnCallMention.Parse(text));

    [Fact]
    public void A_surface_without_mentions_shows_each_mention_as_the_persons_name() =>
        Assert.Equal("@Bob Wang @U0ANN: not acknowledged for 5 min. <!channel>",
            OnCallMention.ShowNames("<@29:1Bob|Bob Wang> <@U0ANN>: not acknowledged for 5 min. <!channel>"));

    [Fact]
    public async Task Admins_add_and_remove_people_and_everyone_sees_them()
    {
        var store = new MemoryOnCall();
        var roster = new OnCallRoster(store);
        var t = Texts.English;

        Assert.Equal("No one is on call in this channel. Admins: `oncall add @person`.", Text(await roster.HandleAsync(Context(false), new(OnCallAction.Show, null), t, default)));
        Assert.Equal("Only the bot's admins can change who is on call.", Text(await roster.HandleAsync(Context(false), new(OnCallAction.Add, "<@U0BOB|bob>"), t, default)));
        Assert.Empty(await store.OnCallAsync("slack:C1"));

        Assert.Equal("bob is now on call in this channel.", Text(await roster.HandleAsync(Context(true), new(OnCallAction.Add, "<@U0BOB|bob>"), t, default)));
        Assert.Equal("bob is on call here already.", Text(await roster.HandleAsync(Context(true), new(OnCallAction.Add, "<@U0BOB|bob>"), t, default)));
        await roster.HandleAsync(Context(true), new(OnCallAction.Add, "<@U0ANN|ann>"), t, default);
        Assert.Equal("On call here: bob, ann", Text(await roster.HandleAsync(Context(false), new(OnCallAction.Show, null), t, default)));

        Assert.Equal("U0BOB is no longer on call in this channel.", Text(await roster.HandleAsync(Context(true), new(OnCallAction.Remove, "<@U0BOB>"), t, default)));
        Assert.Equal([new OnCallPerson("U0ANN", "ann")], await store.OnCallAsync("slack:C1"));
        Assert.Equal("Mention the person: `oncall add @person`.", Text(await roster.HandleAsync(Context(true), new(OnCallAction.Add, "ann"), t, default)));
    }

    [Fact]
    public void The_alarm_card_names_the_channels_on_call_people()
    {
        var cards = new AlarmCards(TestAlarms.Clock(new FakeTimeProvider()));
        var m = TestAlarms.Incoming(1, AlarmCategory.Device, productId: "P1", deviceName: "d1");
        var alarm = new Alarm { Id = m.Id, Message = m };

        var named = cards.Build(alarm, null, Texts.English, [new OnCallPerson("U1", "bob"), new OnCallPerson("U2", "张三")]);
        Assert.Equal("bob, 张三", named.Card.Body.OfType<FactSet>().Single().Facts.Single(f => f.Title == "On call").Value);
        var none = cards.Build(alarm, null, Texts.English, []);
        Assert.DoesNotContain(none.Card.Body.OfType<FactSet>().Single().Facts, f => f.Title == "On call");
    }

    private static ChatContext Context(bool admin) =>
        new(new ChatUser("slack", "U0ME", "me"), new Channel { Platform = "slack", ExternalId = "C1" }, "en", admin);

    private static string Text(BotReply reply) => reply.Text;

    private sealed class MemoryOnCall : IOnCallStore
    {
        private readonly Dictionary<string, List<OnCallPerson>> _people = [];

        public Task<IReadOnlyList<OnCallPerson>> OnCallAsync(string channelKey, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<OnCallPerson>>(_people.TryGetValue(channelKey, out var p) ? [.. p] : []);

        public Task SetOnCallAsync(string channelKey, IReadOnlyList<OnCallPerson> people, CancellationToken cancellationToken = default)
        {
            _people[channelKey] = [.. people];
            return Task.CompletedTask;
        }

        public Task<bool> AddOnCallAsync(string channelKey, OnCallPerson person, CancellationToken cancellationToken = default)
        {
            var list = _people.TryGetValue(channelKey, out var p) ? p : _people[channelKey] = [];
            if (list.Any(x => x.Id == person.Id)) return Task.FromResult(false);
            list.Add(person);
            return Task.FromResult(true);
        }

        public Task<bool> RemoveOnCallAsync(string channelKey, string personId, CancellationToken cancellationToken = default) =>
            Task.FromResult(_people.TryGetValue(channelKey, out var p) && p.RemoveAll(x => x.Id == personId) > 0);
    }
}
