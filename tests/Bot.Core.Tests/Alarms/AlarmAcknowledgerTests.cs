using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Alarms;

public sealed class AlarmAcknowledgerTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-22T08:00:00Z"));
    private readonly RecordingAlarmStore _store = new();
    private readonly AlarmSignal _signal = new();
    private readonly AlarmStateButton _acknowledger;
    private static readonly Channel Ops = new() { Platform = "slack", ExternalId = "C1" };

    public AlarmAcknowledgerTests()
    {
        var directory = new FakeDirectory();
        directory.Devices.Add(FakeDirectory.Lamp);
        var cards = new AlarmCards(TestAlarms.Clock(_time));
        _acknowledger = new AlarmStateButton(CardVerbs.AlarmAcknowledge, AlarmTransition.Acknowledge,
            new AlarmStateChanges(_store, _store, directory, cards, _signal, Options.Create(new BotOptions { DefaultLocale = "en-US" }), _time, NullLogger<AlarmStateChanges>.Instance));
        _store.Alarms["7"] = new Alarm { Id = "7", Message = TestAlarms.Incoming(7), DeviceId = "lamp01", Channels = ["slack:C1"] };
    }

    private static ChatContext By(string name) => new(new ChatUser("slack", "U-" + name, name), Ops, "en-US", false);

    private static CardClick Click(ChatContext context, string alarmId) => new(context, CardVerbs.AlarmAcknowledge, alarmId);

    [Fact]
    public async Task The_first_click_updates_the_card_and_wakes_the_dispatcher()
    {
        var wake = _signal.Next;
        var result = await _acknowledger.HandleAsync(Click(By("Ann"), "7"), Texts.English, default);

        Assert.Contains("Acknowledged by Ann at 2026-11-22 16:00:00", result.UpdatedCard!.Text);
        Assert.True(wake.IsCompleted);
        Assert.Equal("U-Ann", _store.Alarms["7"].Acknowledgement!.By.Id);
    }

    [Fact]
    public async Task A_later_click_is_told_who_was_first_in_their_own_language()
    {
        await _acknowledger.HandleAsync(Click(By("Ann"), "7"), Texts.English, default);
        _time.Advance(TimeSpan.FromMinutes(3));
        var wake = _signal.Next;

        var result = await _acknowledger.HandleAsync(Click(By("Bo"), "7"), Texts.Chinese, default);

        Assert.Null(result.UpdatedCard);
        Assert.Equal("Ann 已于 2026-11-22 16:00:00 (UTC+08:00) 确认此告警。", result.Notice);
        Assert.False(wake.IsCompleted);
        Assert.Equal("U-Ann", _store.Alarms["7"].Acknowledgement!.By.Id);
    }

    [Theory]
    [InlineData("8")]
    [InlineData("")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task An_unknown_alarm_is_a_note(string id)
    {
        var result = await _acknowledger.HandleAsync(Click(By("Ann"), id), Texts.English, default);
        Assert.Equal("This alarm no longer exists.", result.Notice);
    }

    [Fact]
    public async Task Someone_in_a_channel_the_alarm_was_not_delivered_to_is_refused_and_nothing_changes()
    {
        var elsewhere = By("Eve") with { Channel = new Channel { Platform = "slack", ExternalId = "C-ELSEWHERE" } };
        var wake = _signal.Next;

        var result = await _acknowledger.HandleAsync(Click(elsewhere, "7"), Texts.English, default);

        Assert.Null(result.UpdatedCard);
        Assert.Equal("This alarm was not posted in this channel, so it can't be acknowledged from here.", result.Notice);
        Assert.Null(_store.Alarms["7"].Acknowledgement);
        Assert.False(wake.IsCompleted);
    }

    [Fact]
    public async Task An_admin_may_acknowledge_from_anywhere()
    {
        var admin = By("Ada") with { Channel = new Channel { Platform = "slack", ExternalId = "C-ELSEWHERE" }, IsAdmin = true };

        var result = await _acknowledger.HandleAsync(Click(admin, "7"), Texts.English, default);

        Assert.Contains("Acknowledged by Ada", result.UpdatedCard!.Text);
        Assert.Equal("U-Ada", _store.Alarms["7"].Acknowledgement!.By.Id);
    }
}
