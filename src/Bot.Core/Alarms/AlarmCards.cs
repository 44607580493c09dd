using Bot.Core.Cards;
using Bot.Core.Devices;
using Bot.Core.Text;
using Microsoft.Extensions.Options;
using static Bot.Core.Cards.CardParts;

namespace Bot.Core.Alarms;

/// <summary>
/// The alarm card: one Adaptive Card for every surface (Slack translates it). Severity shows in the
/// banner's style, the title and a fact: a device warning is "attention", family and notices are calmer.
/// Times are shown in <c>Tencent:TimeZone</c>.
/// </summary>
public sealed class AlarmCards(TimeProvider time, IOptions<AlarmOptions> options)
{
    private readonly BotClock _clock = new(time, CoreServiceCollectionExtensions.TryFindZone(options.Value.TimeZone) ?? TimeZoneInfo.Utc);

    public string Show(DateTimeOffset instant) => _clock.Show(instant);

    /// <param name="device">The bot's device the alarm was matched to; offers Call device when present.</param>
    public BotReply Build(Alarm alarm, Device? device, Texts t)
    {
        var m = alarm.Message;
        var (titleId, style, categoryId, severityId) = m.Category switch
        {
            AlarmCategory.Device => (TextId.AlarmTitleDevice, ContainerStyles.Attention, TextId.CategoryDevice, TextId.SeverityWarning),
            AlarmCategory.Family => (TextId.AlarmTitleFamily, ContainerStyles.Accent, TextId.CategoryFamily, TextId.SeverityInfo),
            _ => (TextId.AlarmTitleNotice, ContainerStyles.Emphasis, TextId.CategoryNotice, TextId.SeverityInfo),
        };
        var title = t.Format(titleId, string.IsNullOrWhiteSpace(m.Title) ? m.MsgType.ToString(System.Globalization.CultureInfo.InvariantCulture) : m.Title.Trim());
        var body = new List<CardElement>
        {
            Banner(style, Title(title, m.Category == AlarmCategory.Device ? TextColors.Attention : null), Paragraph(m.Content)),
        };

        var facts = new List<Fact>();
        if (DeviceText(m, device) is { } deviceText) facts.Add(new Fact(t[TextId.FactDevice], deviceText));
        if (!string.IsNullOrWhiteSpace(m.FamilyName) || !string.IsNullOrWhiteSpace(m.FamilyId))
            facts.Add(new Fact(t[TextId.FactFamily], string.IsNullOrWhiteSpace(m.FamilyName) ? m.FamilyId : $"{m.FamilyName} ({m.FamilyId})"));
        facts.Add(new Fact(t[TextId.FactCategory], t[categoryId]));
        facts.Add(new Fact(t[TextId.FactSeverity], t[severityId]));
        facts.Add(new Fact(t[TextId.FactTime], _clock.Show(m.At)));
        body.Add(new FactSet(facts));

        var actions = new List<CardAction>();
        string text;
        if (alarm.Acknowledgement is { } ack)
        {
            var acknowledged = t.Format(TextId.AcknowledgedBy, ack.By.Name, _clock.Show(ack.At));
            body.Add(Banner(ContainerStyles.Good, new TextBlock("✔ " + acknowledged) { Weight = TextWeights.Bolder, Color = TextColors.Good }));
            text = $"{title}. {acknowledged}";
        }
        else
        {
            actions.Add(Button(t[TextId.ActionAcknowledge], CardVerbs.AlarmAcknowledge, alarm.Id, ActionStyles.Positive));
            text = $"{title}. {m.Content}";
        }
        if (device is not null && !string.IsNullOrWhiteSpace(device.IsdpDeviceId))
            actions.Add(Button(t[TextId.ActionCallDevice], CardVerbs.CallStart, device.DeviceId));

        var card = new AdaptiveCard { Body = body, Actions = actions.Count == 0 ? null : actions, FallbackText = text };
        return new BotReply(card, text);
    }

    private static string? DeviceText(AlarmMessage m, Device? device)
    {
        if (device is not null) return device.Label();
        if (m.TencentDevice is not { } tencent) return null;
        var id = $"{tencent.ProductId}/{tencent.DeviceName}";
        return string.IsNullOrWhiteSpace(m.DeviceAlias) ? id : $"{m.DeviceAlias.Trim()} ({id})";
    }
}
