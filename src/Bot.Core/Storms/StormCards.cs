using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Text;
using static Bot.Core.Cards.CardParts;

namespace Bot.Core.Storms;

/// <summary>
/// The storm card: "aqm0523: 37 alarms in 10 min; first …, latest …", with Acknowledge all and Resolve all; a channel's
/// backlog summary the same way, with its alarms counted per device.
/// </summary>
public sealed class StormCards(BotClock clock)
{
    /// <summary>The devices a backlog summary names with their counts; the rest are counted as "n more devices".</summary>
    public const int BacklogDevicesShown = 10;

    public BotReply Build(Storm storm, Alarm? latest, Texts t)
    {
        var line = t.Format(TextId.StormText, clock.ShowTime(storm.FirstAt), clock.ShowTime(storm.LatestAt), latest?.Message.Title.Trim() ?? "");
        string title;
        var banner = new List<CardElement>();
        if (storm.IsBacklog)
        {
            // A channel's backlog summary: how many alarms of which devices it holds, the busiest first.
            var byDevice = storm.DeviceIds.CountBy(d => d).OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
            title = t.Format(TextId.BacklogTitle, storm.AlarmIds.Count, byDevice.Count(g => g.Key.Length > 0));
            var parts = byDevice.Take(BacklogDevicesShown).Select(g => $"{(g.Key.Length > 0 ? g.Key : t[TextId.BacklogNoDevice])} ×{g.Value}").ToList();
            if (byDevice.Count > BacklogDevicesShown) parts.Add(t.Format(TextId.BacklogMoreDevices, byDevice.Count - BacklogDevicesShown));
            banner.Add(Title(title, TextColors.Attention));
            banner.Add(Paragraph(line));
            banner.Add(Paragraph(t.Format(TextId.BacklogDevices, string.Join(", ", parts))));
            line = $"{line}. {t.Format(TextId.BacklogDevices, string.Join(", ", parts))}";
        }
        else
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((storm.LatestAt - storm.FirstAt).TotalMinutes));
            title = t.Format(TextId.StormTitle, storm.DeviceId, storm.AlarmIds.Count, minutes);
            banner.Add(Title(title, TextColors.Attention));
            banner.Add(Paragraph(line));
        }
        var body = new List<CardElement> { Banner(ContainerStyles.Attention, [.. banner]) };
        List<CardAction> actions =
        [
            Button(t[TextId.ActionAcknowledge], CardVerbs.StormAcknowledge, storm.Id, ActionStyles.Positive),
            Button(t[TextId.ActionResolve], CardVerbs.StormResolve, storm.Id),
        ];
        var text = $"{title}. {line}";
        return new BotReply(new AdaptiveCard { Body = body, Actions = actions, FallbackText = text }, text);
    }
}
