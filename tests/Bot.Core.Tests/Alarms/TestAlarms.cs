using Bot.Core.Alarms;
using Bot.Core.Devices;
using Bot.Core.Text;

namespace Bot.Core.Tests.Alarms;

/// <summary>Incoming alarms and the site's clock for the alarm tests.</summary>
internal static class TestAlarms
{
    public static IncomingAlarm Incoming(long id, AlarmCategory category = AlarmCategory.Device, long? timestamp = null,
        string productId = "", string deviceName = "", string familyId = "") => new()
    {
        Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Source = "test",
        Category = category,
        Severity = category == AlarmCategory.Device ? AlarmSeverity.Warning : AlarmSeverity.Info,
        At = DateTimeOffset.FromUnixTimeMilliseconds(timestamp ?? 1_700_000_000_000 + id),
        Title = $"m{id}",
        Device = productId.Length > 0 && deviceName.Length > 0 ? new SourceIdentity(productId, deviceName) : null,
        FamilyId = familyId,
    };

    public static BotClock Clock(TimeProvider time, string zone = "Asia/Shanghai") => new(time, TimeZoneInfo.FindSystemTimeZoneById(zone));
}
