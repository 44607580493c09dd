using Bot.Core.Cards;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Alarms;

/// <summary>
/// What the alarm card's state buttons share (Acknowledge, Unacknowledge, Resolve, Reopen). The store decides atomically
/// whether the move still fits the alarm's state (two people at once: one wins, the other is told who did what), records
/// it with who, when and from which channel, and marks the copies to edit; the dispatcher edits them (durably: a restart
/// still edits them). The clicker sees the new state at once in the click's answer: an outbox lane may be busy posting a
/// burst of alarms at the platform's pace, and the person who clicked should not wait for it. Where that answer itself
/// replaces the clicked message (<see cref="CardClick.AnsweredMessageRef"/>), the store leaves that copy out, so the
/// clicked card is written once. Only a person in a channel the alarm was delivered to, or an admin, may move it: alarm
/// ids are sequential, and a click can carry any of them.
/// </summary>
public sealed partial class AlarmStateChanges(
    IAlarmOutbox store,
    IAlarmQueries alarms,
    IDeviceStore devices,
    AlarmCards cards,
    AlarmSignal signal,
    IOptions<BotOptions> botOptions,
    TimeProvider time,
    ILogger<AlarmStateChanges> log,
    IOptions<AlarmOptions>? alarmOptions = null,
    IOnCallStore? onCall = null,
    Escalation.AlarmEscalator? escalator = null)
{
    /// <summary>Whether each change is also told in the card's thread (<c>Alarms:ThreadLog</c>).</summary>
    private readonly bool _logInThread = alarmOptions?.Value.ThreadLog ?? true;

    public async Task<ActionResult> ApplyAsync(CardClick click, AlarmTransition transition, Texts texts, CancellationToken cancellationToken)
    {
        var context = click.Context;
        // "id|State": the state the clicked card showed (see AlarmChange.ExpectedFrom); a bare id moves from any state.
        var (id, expected) = click.Id.Split('|') is [var alarmId, var shown] && Enum.TryParse<AlarmState>(shown, out var state) && Enum.IsDefined(state)
            ? (alarmId, (AlarmState?)state) : (click.Id, null);
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return ActionResult.Note(texts[TextId.AlarmNotFound]);
        if (!context.IsAdmin)
        {
            var deliveries = await alarms.DeliveriesOfAsync(id, cancellationToken);
            if (!deliveries.Any(d => d.ChannelKey == context.Channel.Key))
            {
                LogRefused(log, transition, id, context.User.Key, context.Channel.Key);
                return ActionResult.Note(texts[deliveries.Count == 0 ? TextId.AlarmNotFound
                    : transition == AlarmTransition.Acknowledge ? TextId.AlarmNotHere : TextId.AlarmNotHereToChange]);
            }
        }
        var change = new AlarmChange(id, transition, context.User, context.Channel.Key, time.GetUtcNow()) { LogInThread = _logInThread, ExpectedFrom = expected };
        var outcome = await store.TryChangeStateAsync(change, click.AnsweredMessageRef, cancellationToken);
        if (outcome.Alarm is not { } alarm) return ActionResult.Note(texts[TextId.AlarmNotFound]);
        if (!outcome.Applied) return ActionResult.Note(WhyNot(alarm, texts));
        LogChanged(log, alarm.Id, transition, context.User.Key, context.Channel.Key);
        signal.Raise();
        var device = alarm.DeviceId is { } deviceId ? await devices.FindAsync(deviceId, cancellationToken) : null;
        // The card is the channel's, so it stays in the channel's language, not the clicker's.
        var people = onCall is null ? null : await onCall.OnCallAsync(context.Channel.Key, cancellationToken);
        var progress = escalator is null ? null : await escalator.ProgressAsync(alarm, context.Channel.Key, cancellationToken);
        return new ActionResult(UpdatedCard: cards.Build(alarm, device, Texts.For(null, botOptions.Value.DefaultLocale), people, progress)) { OutboxEditsCopies = true };
    }

    /// <summary>Who left the alarm as it is, in the clicker's words: what the refused click could not do is clear from it.</summary>
    private string WhyNot(Alarm alarm, Texts texts)
    {
        if (alarm.LastChange is { } last)
        {
            var id = last.Transition switch
            {
                AlarmTransition.Acknowledge => TextId.AlreadyAcknowledgedBy,
                AlarmTransition.Unacknowledge => TextId.AlreadyUnacknowledgedBy,
                AlarmTransition.Resolve => TextId.AlreadyResolvedBy,
                _ => TextId.AlreadyReopenedBy,
            };
            return texts.Format(id, last.By.Name, cards.Show(last.At));
        }
        // Acknowledged before changes were recorded, or never moved at all.
        if (alarm.Acknowledgement is { } ack) return texts.Format(TextId.AlreadyAcknowledgedBy, ack.By.Name, cards.Show(ack.At));
        return texts[TextId.AlarmStillFiring];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm {AlarmId}: {Transition} by {UserKey} in {ChannelKey}")]
    private static partial void LogChanged(ILogger logger, string alarmId, AlarmTransition transition, string userKey, string channelKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Transition} of alarm {AlarmId} by {UserKey} refused: not delivered to {ChannelKey}")]
    private static partial void LogRefused(ILogger logger, AlarmTransition transition, string alarmId, string userKey, string channelKey);
}
