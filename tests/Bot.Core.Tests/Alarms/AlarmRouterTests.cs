using Bot.Core.Alarms;
using Bot.Core.Channels;
using Microsoft.Extensions.Options;

namespace Bot.Core.Tests.Alarms;

/// <summary>Routing rules (Tencent's four reference examples are routed in Bot.TencentIot.Tests).</summary>
public sealed class AlarmRouterTests
{
    private readonly FakeDirectory _directory = FakeDirectory.LampWorld();
    private readonly AlarmRouter _router;

    public AlarmRouterTests() => _router = _directory.Router();

    [Fact]
    public async Task A_notification_goes_to_the_notification_channels_and_the_named_device_once_each()
    {
        var routed = await _router.RouteAsync(TestAlarms.Incoming(1, AlarmCategory.Notification, productId: "22F9Y6II7O", deviceName: "light1"), default);
        Assert.Equal("lamp01", routed.DeviceId);
        Assert.Equal(["slack:C-LAMP", "teams:19:notice", "slack:C-ALL"], routed.Channels);
    }

    [Fact]
    public async Task A_device_alarm_naming_no_device_has_no_target()
    {
        var routed = await _router.RouteAsync(TestAlarms.Incoming(1, AlarmCategory.Device), default);
        Assert.Empty(routed.Channels);
        Assert.Null(routed.DeviceId);
    }

    [Fact]
    public async Task A_family_alarm_goes_to_the_family_channels()
    {
        Assert.Equal(["slack:C-FAMILY"], (await _router.RouteAsync(TestAlarms.Incoming(1, AlarmCategory.Family, familyId: " 1 "), default)).Channels);
    }

    [Fact]
    public async Task A_device_message_goes_to_the_device_channels_by_product_and_name()
    {
        var routed = await _router.RouteAsync(TestAlarms.Incoming(1, AlarmCategory.Device, productId: "22F9Y6II7O", deviceName: "light1"), default);
        Assert.Equal(["slack:C-LAMP", "teams:19:notice"], routed.Channels);
        Assert.Empty((await _router.RouteAsync(TestAlarms.Incoming(2, AlarmCategory.Device, productId: "22F9Y6II7O", deviceName: "light2"), default)).Channels);
        Assert.Empty((await _router.RouteAsync(TestAlarms.Incoming(3, AlarmCategory.Device, productId: "OTHER", deviceName: "light1"), default)).Channels);
    }

    [Fact]
    public async Task A_family_message_about_a_device_still_follows_the_family()
    {
        var routed = await _router.RouteAsync(TestAlarms.Incoming(1, AlarmCategory.Family, productId: "22F9Y6II7O", deviceName: "light1", familyId: "9"), default);
        Assert.Empty(routed.Channels);
        Assert.Equal("lamp01", routed.DeviceId);   // the card may still offer Call device
    }
}
