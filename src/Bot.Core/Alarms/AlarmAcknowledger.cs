using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Alarms;

/// <summary>
/// The Acknowledge button (<c>alarm.ack</c>, id = alarm id). The store decides atomically who was
/// first and marks the copies to edit; the dispatcher edits them (durably: a restart still edits them).
/// The clicker sees the new state at once in the click's answer: an outbox lane may be busy posting a
/// burst of alarms at the platform's pace, and the person who clicked should not wait for it. Where that
/// answer itself replaces the clicked message (<see cref="CardClick.AnsweredMessageRef"/>), the store leaves
/// that copy out, so the clicked card is written once. Only a person in a channel the alarm was delivered to,
/// or an admin, may acknowledge it: alarm ids are sequential, and a click can carry any of them.
/// </summary>
public sealed partial class AlarmAcknowledger(
    IAlarmOutbox store,
    IAlarmQueries alarms,
    IDeviceStore devices,
    AlarmCards cards,
    AlarmSignal signal,
    IOptions<BotOptions> botOptions,
    TimeProvider time,
    ILogger<AlarmAcknowledger> log) : ICardActionHandler
{
    public string Verb => CardVerbs.AlarmAcknowledge;

    public async Task<ActionResult> HandleAsync(CardClick click, Texts texts, CancellationToken cancellationToken)
    {
        var (context, id) = (click.Context, click.Id);
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return ActionResult.Note(texts[TextId.AlarmNotFound]);
        if (!context.IsAdmin)
        {
            var deliveries = await alarms.DeliveriesOfAsync(id, cancellationToken);
            if (!deliveries.Any(d => d.ChannelKey == context.Channel.Key))
            {
                LogRefused(log, id, context.User.Key, context.Channel.Key);
                return ActionResult.Note(texts[deliveries.Count == 0 ? TextId.AlarmNotFound : TextId.AlarmNotHere]);
            }
        }
        var outcome = await store.TryAcknowledgeAsync(id, new Acknowledgement(context.User, time.GetUtcNow()), click.AnsweredMessageRef, cancellationToken);
        if (outcome.Alarm is not { } alarm) return ActionResult.Note(texts[TextId.AlarmNotFound]);
        if (!outcome.Applied)
        {
            var ack = alarm.Acknowledgement!;
            return ActionResult.Note(texts.Format(TextId.AlreadyAcknowledgedBy, ack.By.Name, cards.Show(ack.At)));
        }
        LogAcknowledged(log, alarm.Id, context.User.Key, context.Channel.Key);
        signal.Raise();
        var device = alarm.DeviceId is { } deviceId ? await devices.FindAsync(deviceId, cancellationToken) : null;
        // The card is the channel's, so it stays in the channel's language, not the clicker's.
        return new ActionResult(UpdatedCard: cards.Build(alarm, device, Texts.For(null, botOptions.Value.DefaultLocale))) { OutboxEditsCopies = true };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm {AlarmId} acknowledged by {UserKey} in {ChannelKey}")]
    private static partial void LogAcknowledged(ILogger logger, string alarmId, string userKey, string channelKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acknowledge of alarm {AlarmId} by {UserKey} refused: not delivered to {ChannelKey}")]
    private static partial void LogRefused(ILogger logger, string alarmId, string userKey, string channelKey);
}
