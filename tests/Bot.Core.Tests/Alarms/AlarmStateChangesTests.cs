using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Alarms;

/// <summary>Unacknowledge, Resolve and Reopen: the moves, the refusals that say who did what, and who may move an alarm.</summary>
public sealed class AlarmStateChangesTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-22T08:00:00Z"));
    private readonly RecordingAlarmStore _store = new();
    private readonly AlarmSignal _signal = new();
    private readonly Dictionary<AlarmTransition, ICardActionHandler> _handlers;
    private static readonly Channel Ops = new() { Platform = "slack", ExternalId = "C1" };

    public AlarmStateChangesTests()
    {
        var directory = new FakeDirectory();
        directory.Devices.Add(FakeDirectory.Lamp);
        var cards = new AlarmCards(TestAlarms.Clock(_time));
        var bot = Options.Create(new BotOptions { DefaultLocale = "en-US" });
        var changes = new AlarmStateChanges(_store, _store, directory, cards, _signal, bot, _time, NullLogger<AlarmStateChanges>.Instance);
        _handlers = AlarmStateButton.All.ToDictionary(b => b.Transition, b => (ICardActionHandler)new AlarmStateButton(b.Verb, b.Transition, changes));
        _store.Alarms["7"] = new Alarm { Id = "7", Message = TestAlarms.Incoming(7), DeviceId = "lamp01", Channels = ["slack:C1"] };
    }

    private static ChatContext By(string name) => new(new ChatUser("slack", "U-" + name, name), Ops, "en-US", false);

    private Task<ActionResult> Click(AlarmTransition transition, ChatContext context, Texts? texts = null) =>
        _handlers[transition].HandleAsync(new CardClick(context, _handlers[transition].Verb, "7"), texts ?? Texts.English, default);

    [Fact]
    public void Each_handler_carries_its_verb()
    {
        Assert.Equal([CardVerbs.AlarmAcknowledge, CardVerbs.AlarmUnacknowledge, CardVerbs.AlarmResolve, CardVerbs.AlarmReopen],
            _handlers.Values.Select(h => h.Verb));
    }

    [Fact]
    public async Task Acknowledge_unacknowledge_resolve_reopen_each_answer_with_the_new_card_and_wake_the_outbox()
    {
        var steps = new (AlarmTransition Transition, string Name, string Shows)[]
        {
            (AlarmTransition.Acknowledge, "Ann", "Acknowledged by Ann at 2026-11-22 16:01:00"),
            (AlarmTransition.Unacknowledge, "Bo", "Firing again: Bo took back the acknowledgement at 2026-11-22 16:02:00"),
            (AlarmTransition.Resolve, "Cy", "Resolved by Cy at 2026-11-22 16:03:00"),
            (AlarmTransition.Reopen, "Di", "Firing again: reopened by Di at 2026-11-22 16:04:00"),
        };
        foreach (var (transition, name, shows) in steps)
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            var wake = _signal.Next;
            var result = await Click(transition, By(name));
            Assert.Contains(shows, result.UpdatedCard!.Text);
            Assert.True(result.OutboxEditsCopies);
            Assert.True(wake.IsCompleted);
        }
        Assert.Equal(["U-Ann", "U-Bo", "U-Cy", "U-Di"], _store.Changes.Select(c => c.By.Id));
        Assert.All(_store.Changes, c => Assert.Equal("slack:C1", c.ChannelKey));
    }

    [Fact]
    public async Task A_move_that_no_longer_fits_is_told_who_did_what_and_changes_nothing()
    {
        await Click(AlarmTransition.Resolve, By("Ann"));
        _time.Advance(TimeSpan.FromMinutes(2));
        var wake = _signal.Next;

        var acknowledge = await Click(AlarmTransition.Acknowledge, By("Bo"));
        var unacknowledge = await Click(AlarmTransition.Unacknowledge, By("Bo"), Texts.Chinese);

        Assert.Null(acknowledge.UpdatedCard);
        Assert.Equal("Ann already resolved this alarm at 2026-11-22 16:00:00 (UTC+08:00).", acknowledge.Notice);
        Assert.Equal("Ann 已于 2026-11-22 16:00:00 (UTC+08:00) 解决此告警。", unacknowledge.Notice);
        Assert.False(wake.IsCompleted);
        Assert.Single(_store.Changes);
    }

    [Fact]
    public async Task Unacknowledge_of_an_alarm_nobody_acknowledged_says_it_is_firing()
    {
        var result = await Click(AlarmTransition.Unacknowledge, By("Ann"));
        Assert.Equal("This alarm is firing and nobody has acknowledged it yet; nothing was changed.", result.Notice);
        Assert.Empty(_store.Changes);
    }

    [Theory]
    [InlineData(AlarmTransition.Resolve)]
    [InlineData(AlarmTransition.Unacknowledge)]
    [InlineData(AlarmTransition.Reopen)]
    public async Task Someone_outside_the_alarm_s_channels_is_refused_politely_and_nothing_changes(AlarmTransition transition)
    {
        var elsewhere = By("Eve") with { Channel = new Channel { Platform = "slack", ExternalId = "C-ELSEWHERE" } };
        var result = await Click(transition, elsewhere);

        Assert.Null(result.UpdatedCard);
        Assert.StartsWith("Sorry, this alarm was not posted in this channel", result.Notice);
        Assert.Empty(_store.Changes);
        Assert.Equal(AlarmState.Firing, _store.Alarms["7"].State);
    }

    [Fact]
    public async Task An_admin_may_resolve_from_anywhere()
    {
        var admin = By("Ada") with { Channel = new Channel { Platform = "slack", ExternalId = "C-ELSEWHERE" }, IsAdmin = true };
        var result = await Click(AlarmTransition.Resolve, admin);
        Assert.Contains("Resolved by Ada", result.UpdatedCard!.Text);
        Assert.Equal("slack:C-ELSEWHERE", Assert.Single(_store.Changes).ChannelKey);
    }
}
