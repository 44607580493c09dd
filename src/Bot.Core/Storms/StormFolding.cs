using Bot.Core.Alarms;
using Bot.Core.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Core.Storms;

/// <summary>
/// Asked by the dispatcher before a new card is posted: a device's alarms beyond <c>Alarms:Storms:Threshold</c> within
/// the window fold into its storm card in that channel instead (counted by when the bot took them, so a backlog folds too).
/// </summary>
public sealed class StormFolding(IStormStore store, IOptions<StormOptions> options, StormSignal signal)
{
    public async Task<bool> FoldAsync(AlarmDelivery delivery, Alarm alarm, CancellationToken cancellationToken) =>
        await FoldAsync(delivery, alarm, mayFold: true, cancellationToken) == StormFold.Folded;

    /// <summary>
    /// As <see cref="FoldAsync(AlarmDelivery, Alarm, CancellationToken)"/>; with <paramref name="mayFold"/> false (a channel that is
    /// behind) an alarm that would start or join its device's storm card is left for the channel's backlog summary (<see cref="StormFold.Declined"/>).
    /// </summary>
    public async Task<StormFold> FoldAsync(AlarmDelivery delivery, Alarm alarm, bool mayFold, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled || alarm.DeviceId is not { } deviceId) return StormFold.OwnCard;
        var folded = await store.FoldIntoStormAsync(delivery.Id, alarm.Id, delivery.ChannelKey, deviceId, alarm.ReceivedAt, Math.Max(1, o.Threshold), o.Window, mayFold, cancellationToken);
        if (folded == StormFold.Folded) signal.Raise();
        return folded;
    }
}
