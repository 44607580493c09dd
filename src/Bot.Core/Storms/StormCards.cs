using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Text;
using static Bot.Core.Cards.CardParts;

namespace Bot.Core.Storms;

/// <summary>The storm card: "aqm0523: 37 alarms in 10 min; first …, latest …", with Acknowledge all and Resolve all.</summary>
public sealed class StormCards(BotClock clock)
{
    public BotReply Build(Storm storm, Alarm? latest, Texts t)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((storm.LatestAt - storm.FirstAt).TotalMinutes));
        var title = t.Format(TextId.StormTitle, storm.DeviceId, storm.AlarmIds.Count, minutes);
        var line = t.Format(TextId.StormText, clock.ShowTime(storm.FirstAt), clock.ShowTime(storm.LatestAt), latest?.Message.Title.Trim() ?? "");
        var body = new List<CardElement> { Banner(ContainerStyles.Attention, Title(title, TextColors.Attention), Paragraph(line)) };
        List<CardAction> actions =
        [
            Button(t[TextId.ActionAcknowledge], CardVerbs.StormAcknowledge, storm.Id, ActionStyles.Positive),
            Button(t[TextId.ActionResolve], CardVerbs.StormResolve, storm.Id),
        ];
        var text = $"{title}. {line}";
        return new BotReply(new AdaptiveCard { Body = body, Actions = actions, FallbackText = text }, text);
    }
}
