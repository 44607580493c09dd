using Bot.Core.Cards;
using Bot.Core.Devices;
using Bot.Core.Storage;
using Bot.Core.Text;

namespace Bot.Core.Alarms;

/// <summary>
/// <c>alarms</c>: the channel's Firing and Acknowledged alarms, newest first, each with its buttons, a page at a time;
/// <c>alarms all</c> adds those resolved in the last 24 hours. Only the channel's own alarms are listed.
/// </summary>
public sealed class AlarmList(IAlarmQueries alarms, IDeviceStore devices, AlarmCards cards, TimeProvider time)
{
    /// <summary>Alarms per page: each takes about four blocks where a surface translates cards into blocks, and a message there holds at most 50.</summary>
    public const int PageSize = 8;
    /// <summary>How far back a long list reaches (newest first); older open alarms are in the admin API.</summary>
    public const int MaxListed = 400;
    public static readonly TimeSpan ResolvedWindow = TimeSpan.FromHours(24);

    public async Task<BotReply> ShowAsync(string channelKey, bool all, int page, Texts t, CancellationToken cancellationToken)
    {
        var listed = await alarms.InChannelAsync(channelKey, all ? time.GetUtcNow() - ResolvedWindow : null, MaxListed, cancellationToken);
        var pages = Math.Max(1, (listed.Count + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = new List<(Alarm, Device?)>();
        var known = new Dictionary<string, Device?>(StringComparer.Ordinal);
        foreach (var alarm in listed.Skip((page - 1) * PageSize).Take(PageSize))
        {
            Device? device = null;
            if (alarm.DeviceId is { } id && !known.TryGetValue(id, out device)) known[id] = device = await devices.FindAsync(id, cancellationToken);
            shown.Add((alarm, device));
        }
        return cards.List(shown, new AlarmListPage(all, page, pages, listed.Count), t);
    }
}
