using Bot.Core.Cards;
using Bot.Core.Text;

namespace Bot.Core.Alarms;

/// <summary>Previous/Next on an alarm list (<c>alarm.list</c>, id = <c>open:2</c> or <c>all:2</c>): the list card shows that page.</summary>
public sealed class AlarmListPager(AlarmList list) : ICardActionHandler
{
    public string Verb => CardVerbs.AlarmList;

    public async Task<ActionResult> HandleAsync(CardClick click, Texts texts, CancellationToken cancellationToken)
    {
        var parts = click.Id.Split(':');
        if (parts is not [var which and ("open" or "all"), var number] || !int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page))
            return ActionResult.Note(texts[TextId.SomethingWentWrong]);
        // The list is the channel's where the click came from: a click cannot show another channel's alarms.
        return new ActionResult(UpdatedCard: await list.ShowAsync(click.Context.Channel.Key, which == "all", page, texts, cancellationToken));
    }
}
