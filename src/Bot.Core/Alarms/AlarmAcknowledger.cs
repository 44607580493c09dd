using Bot.Core.Cards;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Alarms;

/// <summary>The Acknowledge button: Firing → Acknowledged (<c>alarm.ack</c>, id = alarm id); the rules every state button shares are <see cref="AlarmStateChanges"/>'s.</summary>
public sealed class AlarmAcknowledger(
    IAlarmOutbox store,
    IAlarmQueries alarms,
    IDeviceStore devices,
    AlarmCards cards,
    AlarmSignal signal,
    IOptions<BotOptions> botOptions,
    TimeProvider time,
    ILogger<AlarmAcknowledger> log,
    IOptions<AlarmOptions>? alarmOptions = null,
    IOnCallStore? onCall = null,
    Escalation.AlarmEscalator? escalator = null) : ICardActionHandler
{
    private readonly AlarmStateChanges _changes = new(store, alarms, devices, cards, signal, botOptions, time, log, alarmOptions?.Value.ThreadLog ?? true, onCall, escalator);

    public string Verb => CardVerbs.AlarmAcknowledge;

    public Task<ActionResult> HandleAsync(CardClick click, Texts texts, CancellationToken cancellationToken) =>
        _changes.ApplyAsync(click, AlarmTransition.Acknowledge, texts, cancellationToken);
}
