using Bot.Core.Channels;
using Bot.Core.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Core.Alarms;

/// <summary>
/// Decides which channels an alarm goes to, when it is taken:
/// device alarms to the channels mapped to the devices with the alarm's source identity;
/// family alarms to the channels mapped to the family id;
/// notifications to <c>Alarms:NotificationChannels</c> and, when the notice names a known device, that device's channels too.
/// A device alarm naming no known device has no target: it is kept as unroutable.
/// </summary>
public sealed class AlarmRouter(IDeviceStore devices, IMappingStore mappings, IFamilyMappingStore families, IOptions<AlarmOptions> options)
{
    public async Task<NewAlarm> RouteAsync(IncomingAlarm alarm, CancellationToken cancellationToken)
    {
        var channels = new List<string>();
        string? deviceId = null;
        if (alarm.Device is { } identity)
        {
            var matched = await devices.FindBySourceIdentityAsync(identity, cancellationToken);
            // Several bot devices may share one source identity (e.g. renamed twice); all their channels hear it.
            foreach (var device in matched.OrderBy(d => d.DeviceId, StringComparer.Ordinal))
            {
                deviceId ??= device.DeviceId;
                if (alarm.Category is AlarmCategory.Device or AlarmCategory.Notification)
                    channels.AddRange(await mappings.ChannelsOfAsync(device.DeviceId, cancellationToken));
            }
        }
        if (alarm.Category == AlarmCategory.Family && !string.IsNullOrWhiteSpace(alarm.FamilyId))
            channels.AddRange(await families.ChannelsOfAsync(alarm.FamilyId.Trim(), cancellationToken));
        if (alarm.Category == AlarmCategory.Notification)
            channels.AddRange(options.Value.NotificationChannels.Select(ChannelKeys.Parse).OfType<Channel>().Select(c => c.Key));

        return new NewAlarm(alarm, deviceId, channels.Distinct(StringComparer.Ordinal).ToList());
    }
}
