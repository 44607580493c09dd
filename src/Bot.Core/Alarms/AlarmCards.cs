using Bot.Core.Cards;
using Bot.Core.Devices;
using Bot.Core.Text;
using static Bot.Core.Cards.CardParts;

namespace Bot.Core.Alarms;

/// <summary>
/// The alarm card: one Adaptive Card for every surface (those without Adaptive Cards translate it). Severity shows in the
/// banner's style, the title and a fact: a device warning is "attention", family and notices are calmer.
/// Times are shown in <c>Bot:TimeZone</c>, like every other card.
/// </summary>
public sealed class AlarmCards(BotClock clock)
{
    private readonly BotClock _clock = clock;

    public string Show(DateTimeOffset instant) => _clock.Show(instant);

    /// <param name="device">The bot's device the alarm was matched to; offers Call device when present.</param>
    /// <param name="onCall">The channel's on-call people, named on the card (none: no line).</param>
    /// <param name="escalation">Where the alarm stands in its escalation (none started: no line).</param>
    public BotReply Build(Alarm alarm, Device? device, Texts t, IReadOnlyList<OnCall.OnCallPerson>? onCall = null, Escalation.EscalationProgress? escalation = null)
    {
        var m = alarm.Message;
        var (titleId, style, categoryId) = m.Category switch
        {
            AlarmCategory.Device => (TextId.AlarmTitleDevice, ContainerStyles.Attention, TextId.CategoryDevice),
            AlarmCategory.Family => (TextId.AlarmTitleFamily, ContainerStyles.Accent, TextId.CategoryFamily),
            _ => (TextId.AlarmTitleNotice, ContainerStyles.Emphasis, TextId.CategoryNotice),
        };
        var severityId = m.Severity == AlarmSeverity.Warning ? TextId.SeverityWarning : TextId.SeverityInfo;
        var title = t.Format(titleId, m.Title.Trim());
        var body = new List<CardElement>
        {
            Banner(style, Title(title, m.Severity == AlarmSeverity.Warning ? TextColors.Attention : null), Paragraph(m.Text)),
        };

        var facts = new List<Fact>();
        if (DeviceText(m, device) is { } deviceText) facts.Add(Fact(t[TextId.FactDevice], deviceText));
        if (!string.IsNullOrWhiteSpace(m.FamilyName) || !string.IsNullOrWhiteSpace(m.FamilyId))
            facts.Add(Fact(t[TextId.FactFamily], string.IsNullOrWhiteSpace(m.FamilyName) ? m.FamilyId : $"{m.FamilyName} ({m.FamilyId})"));
        facts.Add(Fact(t[TextId.FactCategory], t[categoryId]));
        facts.Add(Fact(t[TextId.FactSeverity], t[severityId]));
        facts.Add(Fact(t[TextId.FactTime], _clock.Show(m.At)));
        if (onCall is { Count: > 0 })
            facts.Add(Fact(t[TextId.FactOnCall], OnCall.OnCallRoster.Names(onCall)) with { People = [.. onCall.Select(p => new MentionedPerson(p.Id, p.Name))] });
        if (escalation is not null) facts.Add(Fact(t[TextId.FactEscalation], EscalationLine(escalation, t)));
        body.Add(new FactSet(facts));

        // The state line: firing red, acknowledged amber, resolved green; and the buttons that fit the state.
        var (stateLine, stateStyle, stateColor) = StateLine(alarm, t);
        body.Add(Banner(stateStyle, Paragraph(stateLine) with { Weight = TextWeights.Bolder, Color = stateColor }));
        var text = alarm.State == AlarmState.Firing && alarm.LastChange is null ? $"{title}. {m.Text}" : $"{title}. {stateLine}";

        var actions = Buttons(alarm, device, t);
        var card = new AdaptiveCard { Body = body, Actions = actions.Count == 0 ? null : actions, FallbackText = text };
        return new BotReply(card, text);
    }

    /// <summary>
    /// "step 2 of 3 — on-call notified 14:05; next: post to #ops at 14:15", "… ; stopped: acknowledged": the last step taken
    /// and what comes next (or why nothing does), times of day in the configured zone.
    /// </summary>
    public string EscalationLine(Escalation.EscalationProgress progress, Texts t)
    {
        var parts = new List<string>();
        if (progress.Last is { } last)
            parts.Add(t.Format(TextId.EscalationStep, progress.Taken, progress.Steps, last.Do == Escalation.EscalationAction.PostToChannel
                ? t.Format(TextId.EscalationPosted, last.ChannelName ?? "", _clock.ShowTime(last.At))
                : t.Format(TextId.EscalationNotified, _clock.ShowTime(last.At))));
        if (progress.StoppedBecause is { } reason)
            parts.Add(reason == Escalation.EscalationProgress.AllStepsTaken ? t[TextId.EscalationDone] : t.Format(TextId.EscalationStopped, t[reason switch
            {
                Escalation.EscalationProgress.Acknowledged => TextId.EscalationStopAcknowledged,
                Escalation.EscalationProgress.Resolved => TextId.EscalationStopResolved,
                Escalation.EscalationProgress.Silenced => TextId.EscalationStopSilenced,
                _ => TextId.EscalationStopPolicyChanged,
            }]));
        else if (progress.Next is { } next)
            parts.Add(next.Do == Escalation.EscalationAction.PostToChannel
                ? t.Format(TextId.EscalationNextPost, next.ChannelName ?? "", _clock.ShowTime(next.At))
                : t.Format(TextId.EscalationNextNotify, _clock.ShowTime(next.At)));
        return string.Join(t[TextId.EscalationSeparator], parts);
    }

    /// <summary>The change as one short line for the card's thread: "张三 acknowledged · 21:22".</summary>
    public string LogLine(AlarmChange change, Texts t)
    {
        var id = change.Transition switch
        {
            AlarmTransition.Acknowledge => TextId.LogAcknowledged,
            AlarmTransition.Unacknowledge => TextId.LogUnacknowledged,
            AlarmTransition.Resolve => TextId.LogResolved,
            _ => TextId.LogReopened,
        };
        return t.Format(id, change.By.Name, _clock.ShowTime(change.At));
    }

    /// <summary>The buttons that fit the alarm's state (Call device while it is open and the device can be called).</summary>
    public static List<CardAction> Buttons(Alarm alarm, Device? device, Texts t)
    {
        var actions = new List<CardAction>();
        switch (alarm.State)
        {
            case AlarmState.Firing:
                actions.Add(Button(t[TextId.ActionAcknowledge], CardVerbs.AlarmAcknowledge, alarm.Id, ActionStyles.Positive));
                actions.Add(Button(t[TextId.ActionResolve], CardVerbs.AlarmResolve, $"{alarm.Id}|{AlarmState.Firing}"));
                break;
            case AlarmState.Acknowledged:
                actions.Add(Button(t[TextId.ActionUnacknowledge], CardVerbs.AlarmUnacknowledge, alarm.Id));
                actions.Add(Button(t[TextId.ActionResolve], CardVerbs.AlarmResolve, $"{alarm.Id}|{AlarmState.Acknowledged}", ActionStyles.Positive));
                break;
            case AlarmState.Resolved:
                actions.Add(Button(t[TextId.ActionReopen], CardVerbs.AlarmReopen, alarm.Id));
                break;
        }
        if (alarm.State.IsOpen() && alarm.DeviceId is not null)
            actions.Add(SilenceChoices(alarm.Id, t));
        if (alarm.State.IsOpen() && device is not null && !string.IsNullOrWhiteSpace(device.IsdpDeviceId))
            actions.Add(Button(t[TextId.ActionCallDevice], CardVerbs.CallStart, device.DeviceId));
        return actions;
    }

    /// <summary>The durations a device can be silenced for from a card, in minutes.</summary>
    public static readonly IReadOnlyList<int> SilenceMinutes = [30, 60, 240, 1440];

    /// <summary>Silence: 30 min, 1 h, 4 h or 24 h, each a choice carrying <c>alarmId|minutes</c>.</summary>
    private static ShowCardAction SilenceChoices(string alarmId, Texts t)
    {
        var choices = SilenceMinutes.Select(m => (CardAction)Button(t.Format(m < 60 ? TextId.SilenceForMinutes : TextId.SilenceForHours, m < 60 ? m : m / 60),
            CardVerbs.AlarmSilence, $"{alarmId}|{m}")).ToList();
        return new ShowCardAction(t[TextId.ActionSilence], new AdaptiveCard { Body = [Paragraph(t[TextId.SilencePrompt])], Actions = choices });
    }

    /// <summary>
    /// One page of a channel's alarms (<c>alarms</c>): each with its title, device and time, its state line in the state's
    /// colour and its buttons; Previous/Next when there are more pages. Small enough for surfaces that translate cards into at most 50 blocks.
    /// </summary>
    public BotReply List(IReadOnlyList<(Alarm Alarm, Device? Device)> page, AlarmListPage where, Texts t)
    {
        var titleId = where.All ? TextId.AlarmsAllTitle : TextId.AlarmsOpenTitle;
        if (where.Total == 0) return Message(t[where.All ? TextId.AlarmsNoneAll : TextId.AlarmsNoneOpen], t[titleId]);
        var body = new List<CardElement> { Title(t[titleId]), Subtle(t.Format(TextId.AlarmsPageOf, where.Page, where.Pages, where.Total)) };
        var lines = new List<string>();
        foreach (var (alarm, device) in page)
        {
            var m = alarm.Message;
            var (stateLine, style, color) = StateLine(alarm, t);
            var title = m.Title.Trim().Length == 0 ? m.Text : m.Title.Trim();
            var about = string.Join(" · ", new[] { DeviceText(m, device), _clock.Show(m.At) }.Where(x => !string.IsNullOrWhiteSpace(x)));
            body.Add(new Container(
            [
                Paragraph(title) with { Weight = TextWeights.Bolder },
                Subtle(about),
                Paragraph(stateLine) with { Color = color },
                new ActionSet(Buttons(alarm, device, t)),
            ]) { Style = style, Separator = true });
            lines.Add($"{title}: {stateLine}");
        }
        var paging = new List<CardAction>();
        var verbId = where.All ? "all" : "open";
        if (where.Page > 1) paging.Add(Button(t[TextId.ActionPreviousPage], CardVerbs.AlarmList, $"{verbId}:{where.Page - 1}"));
        if (where.Page < where.Pages) paging.Add(Button(t[TextId.ActionNextPage], CardVerbs.AlarmList, $"{verbId}:{where.Page + 1}"));
        var text = $"{t[titleId]} ({where.Total})\n" + string.Join("\n", lines);
        return new BotReply(new AdaptiveCard { Body = body, Actions = paging.Count == 0 ? null : paging, FallbackText = text }, text);
    }

    private (string Line, string Style, string? Color) StateLine(Alarm alarm, Texts t)
    {
        var last = alarm.LastChange;
        switch (alarm.State)
        {
            case AlarmState.Acknowledged:
                var ack = alarm.Acknowledgement ?? (last is null ? null : new Acknowledgement(last.By, last.At));
                var acknowledged = ack is null ? t[TextId.StateFiring] : "✔ " + t.Format(TextId.AcknowledgedBy, ack.By.Name, _clock.Show(ack.At));
                return (acknowledged, ContainerStyles.Warning, TextColors.Warning);
            case AlarmState.Resolved:
                var resolved = last is null ? t[TextId.ActionResolve] : "✔ " + t.Format(TextId.ResolvedBy, last.By.Name, _clock.Show(last.At));
                return (resolved, ContainerStyles.Good, TextColors.Good);
            case AlarmState.Firing when alarm.Held && last is null:
                return (t[TextId.StateSilenced], ContainerStyles.Emphasis, null);
            default:
                var firing = last?.Transition switch
                {
                    AlarmTransition.Unacknowledge => t.Format(TextId.UnacknowledgedBy, last.By.Name, _clock.Show(last.At)),
                    AlarmTransition.Reopen => t.Format(TextId.ReopenedBy, last.By.Name, _clock.Show(last.At)),
                    _ => t[TextId.StateFiring],
                };
                return (firing, ContainerStyles.Attention, TextColors.Attention);
        }
    }

    private static string? DeviceText(IncomingAlarm m, Device? device)
    {
        if (device is not null) return device.Label();
        if (m.Device is not { } identity) return null;
        var id = identity.ToString();
        return string.IsNullOrWhiteSpace(m.DeviceAlias) ? id : $"{m.DeviceAlias.Trim()} ({id})";
    }
}
