using Bot.Core.Alarms;
using Bot.Core.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Alarms;

/// <summary>The neutral intake every source hands its alarms to.</summary>
public sealed class AlarmIntakeTests
{
    private readonly RecordingAlarmStore _store = new();
    private readonly AlarmSignal _signal = new();
    private readonly AlarmIntake _intake;

    public AlarmIntakeTests()
    {
        var directory = new FakeDirectory();
        directory.Devices.Add(FakeDirectory.Lamp);
        directory.Mappings.Add(new ChannelDeviceMapping("slack:C-LAMP", "lamp01"));
        var router = new AlarmRouter(directory, directory, directory, Options.Create(new AlarmOptions()));
        _intake = new AlarmIntake(_store, router, _signal, new FakeTimeProvider(), NullLogger<AlarmIntake>.Instance);
    }

    [Fact]
    public async Task Alarms_are_routed_and_stored_in_order_with_the_sources_cursor_and_wake_the_dispatcher()
    {
        var wake = _signal.Next;

        var result = await _intake.TakeAsync("feed/a",
            [TestAlarms.Incoming(1, productId: "22F9Y6II7O", deviceName: "light1"), TestAlarms.Incoming(2)], "cursor-2", default);

        Assert.Equal(new IntakeResult(2, 0), result);
        var take = Assert.Single(_store.Takes);
        Assert.Equal(("feed/a", "cursor-2"), (take.Source, take.Cursor));
        Assert.Equal(["1", "2"], take.Alarms.Select(a => a.Message.Id));
        Assert.Equal(["slack:C-LAMP"], take.Alarms[0].Channels);
        Assert.Equal("lamp01", take.Alarms[0].DeviceId);
        Assert.Empty(take.Alarms[1].Channels);   // unroutable, still stored
        Assert.True(wake.IsCompleted);
        Assert.Equal("cursor-2", await _intake.CursorAsync("feed/a", default));
        Assert.Null(await _intake.CursorAsync("feed/b", default));
    }

    [Fact]
    public async Task Only_known_alarms_move_the_cursor_without_waking_the_dispatcher()
    {
        await _intake.TakeAsync("feed", [TestAlarms.Incoming(1)], "c1", default);
        var wake = _signal.Next;

        var again = await _intake.TakeAsync("feed", [TestAlarms.Incoming(1)], "c1b", default);

        Assert.Equal(new IntakeResult(0, 1), again);
        Assert.False(wake.IsCompleted);
        Assert.Equal("c1b", await _intake.CursorAsync("feed", default));
    }

    [Fact]
    public async Task A_silenced_device_s_alarm_is_stored_held_and_another_device_s_is_not()
    {
        var directory = new FakeDirectory();
        directory.Devices.Add(FakeDirectory.Lamp);
        directory.Mappings.Add(new ChannelDeviceMapping("slack:C-LAMP", "lamp01"));
        var router = new AlarmRouter(directory, directory, directory, Options.Create(new AlarmOptions()));
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T08:00:00Z"));
        var silenced = new SilencedDevices { ["lamp01"] = time.GetUtcNow().AddMinutes(30) };
        var intake = new AlarmIntake(_store, router, _signal, time, NullLogger<AlarmIntake>.Instance, silenced);

        await intake.TakeAsync("feed", [TestAlarms.Incoming(1, productId: "22F9Y6II7O", deviceName: "light1"), TestAlarms.Incoming(2)], "c1", default);
        time.Advance(TimeSpan.FromMinutes(30));
        await intake.TakeAsync("feed", [TestAlarms.Incoming(3, productId: "22F9Y6II7O", deviceName: "light1")], "c2", default);

        Assert.Equal([true, false, false], _store.Takes.SelectMany(t => t.Alarms).Select(a => a.Held));
    }
}
