using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.StandIns.Tencent;
using Microsoft.Extensions.Options;

namespace Bot.TencentIot.Tests;

/// <summary>The four examples of Tencent's message-list reference, as the Core receives them and routes them.</summary>
public sealed class TencentExamplesTests
{
    private readonly FakeDirectory _directory = FakeDirectory.LampWorld();
    private readonly AlarmRouter _router;

    public TencentExamplesTests() => _router = _directory.Router();

    private static IncomingAlarm Seed(int index) => TencentStandIn.SeedExamples[index].ToIncoming();

    [Fact]
    public async Task The_seed_device_warning_names_no_device_and_has_no_target()
    {
        var routed = await _router.RouteAsync(Seed(0), default);
        Assert.Empty(routed.Channels);
        Assert.Null(routed.DeviceId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task The_seed_family_notices_go_to_the_family_channels(int index)
    {
        Assert.Equal(["slack:C-FAMILY"], (await _router.RouteAsync(Seed(index), default)).Channels);
    }

    [Fact]
    public async Task The_seed_notification_goes_to_the_notification_channels_and_the_named_device_once_each()
    {
        var routed = await _router.RouteAsync(Seed(3), default);
        Assert.Equal("lamp01", routed.DeviceId);
        Assert.Equal(["slack:C-LAMP", "teams:19:notice", "slack:C-ALL"], routed.Channels);
    }

    [Fact]
    public void A_device_warning_is_a_warning_and_the_others_are_information()
    {
        Assert.Equal(
            [(AlarmCategory.Device, AlarmSeverity.Warning), (AlarmCategory.Family, AlarmSeverity.Info), (AlarmCategory.Family, AlarmSeverity.Info), (AlarmCategory.Notification, AlarmSeverity.Info)],
            Enumerable.Range(0, 4).Select(i => (Seed(i).Category, Seed(i).Severity)));
    }

    [Fact]
    public void The_family_notice_keeps_its_id_title_text_family_and_time()
    {
        var notice = Seed(1);
        Assert.Equal(("65167395785805824", "tencent", "成员添加结果通知", "1", "test"), (notice.Id, notice.Source, notice.Title, notice.FamilyId, notice.FamilyName));
        Assert.StartsWith("“jordan”将“dylan”添加为“深圳的家”的成员", notice.Text, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1574855517907), notice.At);
        Assert.Null(notice.Device);
    }

    [Fact]
    public void A_message_without_a_title_is_titled_by_its_type()
    {
        Assert.Equal("201", (TencentStandIn.SeedExamples[2] with { Title = "  " }).ToIncoming().Title);
        Assert.Equal("Device Warning", (TencentStandIn.SeedExamples[0] with { Title = " Device Warning " }).ToIncoming().Title);
    }

    [Fact]
    public void A_cursor_reads_back_as_the_position_it_was_written_from()
    {
        var position = new TencentPosition(1574855521420, "65167410520395776");
        Assert.Equal("1574855521420:65167410520395776", position.ToCursor());
        Assert.Equal(position, TencentPosition.FromCursor(position.ToCursor()));
        Assert.Null(TencentPosition.FromCursor(null));
        Assert.Null(TencentPosition.FromCursor("65167410520395776"));
        Assert.Null(TencentPosition.FromCursor("x:1"));
        Assert.Null(TencentPosition.FromCursor("1:"));
    }
}
