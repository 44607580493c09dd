using Bot.Core.Cards;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Alarms;

/// <summary>
/// A Silence choice on an alarm card (<c>alarm.silence</c>, id = <c>alarmId|minutes</c>): silences the alarm's device.
/// Only people in a channel the alarm was delivered to, or admins, may (a polite refusal otherwise; nothing changes).
/// </summary>
public sealed partial class AlarmSilencer(IAlarmQueries alarms, DeviceSilences silences, ILogger<AlarmSilencer> log) : ICardActionHandler
{
    public string Verb => CardVerbs.AlarmSilence;

    public async Task<ActionResult> HandleAsync(CardClick click, Texts texts, CancellationToken cancellationToken)
    {
        var parts = click.Id.Split('|');
        if (parts is not [{ Length: > 0 and <= 64 } alarmId, var number]
            || !int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes)
            || !AlarmCards.SilenceMinutes.Contains(minutes))
            return ActionResult.Note(texts[TextId.AlarmNotFound]);
        var context = click.Context;
        if (!context.IsAdmin)
        {
            var deliveries = await alarms.DeliveriesOfAsync(alarmId, cancellationToken);
            if (!deliveries.Any(d => d.ChannelKey == context.Channel.Key))
            {
                LogRefused(log, alarmId, context.User.Key, context.Channel.Key);
                return ActionResult.Note(texts[deliveries.Count == 0 ? TextId.AlarmNotFound : TextId.AlarmNotHereToChange]);
            }
        }
        if (await alarms.FindAsync(alarmId, cancellationToken) is not { } alarm) return ActionResult.Note(texts[TextId.AlarmNotFound]);
        return await silences.SilenceFromCardAsync(alarm, minutes, context, texts, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silence from alarm {AlarmId} by {UserKey} refused: not delivered to {ChannelKey}")]
    private static partial void LogRefused(ILogger logger, string alarmId, string userKey, string channelKey);
}
