using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Storage;
using Bot.Core.Text;

namespace Bot.Core.Storms;

/// <summary>Acknowledge or Resolve on a storm card: the same move for every alarm the storm holds (each its own compare-and-set).</summary>
public sealed class StormStateChanges(IStormStore storms, IAlarmOutbox outbox, IAlarmQueries alarms, StormCards cards, AlarmSignal signal, TimeProvider time)
{
    public async Task<ActionResult> ApplyAsync(CardClick click, AlarmTransition transition, Texts texts, CancellationToken cancellationToken)
    {
        var (context, id) = (click.Context, click.Id);
        if (string.IsNullOrWhiteSpace(id) || id.Length > 300 || await storms.FindStormAsync(id, cancellationToken) is not { } storm)
            return ActionResult.Note(texts[TextId.AlarmNotFound]);
        if (!context.IsAdmin && context.Channel.Key != storm.ChannelKey) return ActionResult.Note(texts[TextId.AlarmNotHere]);
        foreach (var alarmId in storm.AlarmIds)
            await outbox.TryChangeStateAsync(new AlarmChange(alarmId, transition, context.User, context.Channel.Key, time.GetUtcNow()), null, cancellationToken);
        signal.Raise();
        var latest = await alarms.FindAsync(storm.AlarmIds[^1], cancellationToken);
        return new ActionResult(UpdatedCard: cards.Build(storm, latest, texts)) { OutboxEditsCopies = true };
    }
}
