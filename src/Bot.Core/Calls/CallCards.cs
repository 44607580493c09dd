using Bot.Core.Cards;
using Bot.Core.Devices;
using Bot.Core.Integrations;
using Bot.Core.Text;
using static Bot.Core.Cards.CardParts;

namespace Bot.Core.Calls;

/// <summary>
/// The cards of the call flow: confirmation, calling, sent, failed, expired, cancelled. While ISDP is simulated
/// (<see cref="Simulation"/>), every outcome says so, so a simulated "sent" never reads as a real one.
/// </summary>
public sealed class CallCards(BotClock clock, Simulation simulation)
{
    /// <summary>The card asking to confirm; its buttons carry <paramref name="buttonId"/> (the call's token, see <see cref="CallTokens"/>).</summary>
    public BotReply Confirmation(Call call, Device device, Texts t, string buttonId)
    {
        var title = t.Format(TextId.ConfirmTitle, device.Label());
        var card = new AdaptiveCard
        {
            Body =
            [
                Title(title),
                Paragraph(t.Format(TextId.ConfirmPrompt, call.RequestedBy.Name)),
                Facts(call, device, t, withExpiry: true),
            ],
            Actions =
            [
                Button(t[TextId.ActionCall], CardVerbs.CallConfirm, buttonId, ActionStyles.Positive),
                Button(t[TextId.ActionCancel], CardVerbs.CallCancel, buttonId),
            ],
            FallbackText = title,
        };
        return new BotReply(card, title);
    }

    public BotReply Calling(Call call, Device device, Texts t) =>
        Outcome(t.Format(TextId.CallingTitle, device.Label()), t[TextId.CallingBody], ContainerStyles.Emphasis, call, device, t);

    public BotReply Sent(Call call, Device device, Texts t) =>
        Outcome(t.Format(TextId.SentTitle, device.Label()),
            t.Format(TextId.SentBody, call.RequestedBy.Name, clock.Show(call.FinishedAt ?? clock.Now)),
            ContainerStyles.Good, call, device, t);

    /// <summary>A failed call; <paramref name="canRetry"/> is false once the retry window has passed, so the button goes.</summary>
    public BotReply Failed(Call call, Device device, Texts t, bool canRetry = true) =>
        Outcome(t.Format(TextId.FailedTitle, device.Label()), call.FailureDetail ?? "", ContainerStyles.Attention, call, device, t,
            canRetry ? [Button(t[TextId.ActionRetry], CardVerbs.CallRetry, call.Id, ActionStyles.Positive)] : []);

    public BotReply Expired(Call call, Device device, Texts t, TimeSpan confirmWindow) =>
        Outcome(t.Format(TextId.ExpiredTitle, device.Label()),
            t.Format(TextId.ExpiredBody, (int)Math.Round(confirmWindow.TotalMinutes)), ContainerStyles.Warning, call, device, t);

    public BotReply Cancelled(Call call, Device device, Texts t, string cancelledBy) =>
        Outcome(t.Format(TextId.CancelledTitle, device.Label()), t.Format(TextId.CancelledBody, cancelledBy), ContainerStyles.Emphasis, call, device, t);

    /// <summary>The card that shows a call as it stands now (used when a click comes too late).</summary>
    public BotReply Current(Call call, Device device, Texts t, TimeSpan confirmWindow) => call.State switch
    {
        CallState.Pending => Confirmation(call, device, t, call.Id),
        CallState.Confirmed => Calling(call, device, t),
        CallState.Sent => Sent(call, device, t),
        CallState.Failed => Failed(call, device, t),
        CallState.Expired => Expired(call, device, t, confirmWindow),
        _ => Cancelled(call, device, t, call.RequestedBy.Name),
    };

    private BotReply Outcome(string title, string body, string style, Call call, Device device, Texts t, params CardAction[] actions)
    {
        if (simulation.IsOn) body = body.Length == 0 ? t[TextId.CallSimulated] : $"{body} {t[TextId.CallSimulated]}";
        var card = new AdaptiveCard
        {
            Body =
            [
                Banner(style, Title(title), Paragraph(body)),
                Facts(call, device, t, withExpiry: false),
            ],
            Actions = actions.Length == 0 ? null : actions,
            FallbackText = $"{title}. {body}",
        };
        return new BotReply(card, $"{title}. {body}");
    }

    private FactSet Facts(Call call, Device device, Texts t, bool withExpiry)
    {
        var facts = new List<Fact>
        {
            Fact(t[TextId.FactDevice], device.Label()),
            Fact(t[TextId.FactIsdpDevice], device.IsdpDeviceId),
            Fact(t[TextId.FactRequestedBy], call.RequestedBy.Name),
            Fact(t[TextId.FactRequestedAt], clock.Show(call.CreatedAt)),
        };
        if (withExpiry) facts.Add(Fact(t[TextId.FactExpiresAt], clock.Show(call.ExpiresAt)));
        return new FactSet(facts);
    }
}
