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
/// that copy out, so the clicked card is written once.
/// </summary>
public sealed partial class AlarmAcknowledger(
    IAlarmOutbox store,
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
}
