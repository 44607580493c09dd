using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Alarms;

/// <summary>
/// The Acknowledge button (<c>alarm.ack</c>, id = alarm id). The store decides atomically who was
/// first; the clicked card is replaced at once, and every other copy is edited by the dispatcher
/// (durably: the store marks them, so a restart still edits them).
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

    public async Task<ActionResult> HandleAsync(ChatContext context, string id, Texts texts, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return ActionResult.Note(texts[TextId.AlarmNotFound]);
        var outcome = await store.TryAcknowledgeAsync(id, new Acknowledgement(context.User, time.GetUtcNow()), cancellationToken);
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
        return new ActionResult(UpdatedCard: cards.Build(alarm, device, Texts.For(null, botOptions.Value.DefaultLocale)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm {AlarmId} acknowledged by {UserKey} in {ChannelKey}")]
    private static partial void LogAcknowledged(ILogger logger, string alarmId, string userKey, string channelKey);
}
