using Bot.Core.Channels;
using Bot.Core.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Core.Alarms;

/// <summary>
/// Decides which channels a message goes to, when it is taken:
/// device messages (1) to the channels mapped to the device with the same Tencent productId + deviceName;
/// family messages (2) to the channels mapped to the family id;
/// notifications (3) to <c>Tencent:NotificationChannels</c> and, when the notice names a known device, that device's channels too.
/// A device message naming no known device has no target: it is kept as unroutable.
/// </summary>
public sealed class AlarmRouter(IDeviceStore devices, IMappingStore mappings, IFamilyMappingStore families, IOptions<AlarmOptions> options)
{
    public async Task<NewAlarm> RouteAsync(AlarmMessage message, CancellationToken cancellationToken)
    {
        var channels = new List<string>();
        string? deviceId = null;
        if (message.TencentDevice is { } tencent)
        {
            var matched = await devices.FindByTencentAsync(tencent.ProductId, tencent.DeviceName, cancellationToken);
            // Several bot devices may share one Tencent device (e.g. renamed twice); all their channels hear it.
            foreach (var device in matched.OrderBy(d => d.DeviceId, StringComparer.Ordinal))
            {
                deviceId ??= device.DeviceId;
                if (message.Category is AlarmCategory.Device or AlarmCategory.Notification)
                    channels.AddRange(await mappings.ChannelsOfAsync(device.DeviceId, cancellationToken));
            }
        }
        if (message.Category == AlarmCategory.Family && !string.IsNullOrWhiteSpace(message.FamilyId))
            channels.AddRange(await families.ChannelsOfAsync(message.FamilyId.Trim(), cancellationToken));
        if (message.Category == AlarmCategory.Notification)
            channels.AddRange(options.Value.NotificationChannels.Select(ChannelKeys.Parse).OfType<Channel>().Select(c => c.Key));

        return new NewAlarm(message, deviceId, channels.Distinct(StringComparer.Ordinal).ToList());
    }
}
