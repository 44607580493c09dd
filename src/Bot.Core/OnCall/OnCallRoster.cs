using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Commands;
using Bot.Core.Storage;
using Bot.Core.Text;

namespace Bot.Core.OnCall;

/// <summary>The <c>oncall</c> command: anyone sees who is on call in the channel; admins add and remove people.</summary>
public sealed class OnCallRoster(IOnCallStore store)
{
    public async Task<BotReply> HandleAsync(ChatContext context, BotCommand.OnCall command, Texts t, CancellationToken cancellationToken)
    {
        var key = context.Channel.Key;
        if (command.Action == OnCallAction.Show)
        {
            var people = await store.OnCallAsync(key, cancellationToken);
            return CardParts.Message(people.Count == 0 ? t[TextId.OnCallNone] : t.Format(TextId.OnCallList, Names(people)));
        }
        if (!context.IsAdmin) return CardParts.Message(t[TextId.OnCallAdminOnly]);
        if (OnCallMention.Parse(command.Person) is not { } person)
            return CardParts.Message(t.Format(TextId.OnCallMissingPerson, command.Action == OnCallAction.Add ? "oncall add" : "oncall remove"));
        if (command.Action == OnCallAction.Add)
        {
            var added = await store.AddOnCallAsync(key, person, cancellationToken);
            return CardParts.Message(t.Format(added ? TextId.OnCallAdded : TextId.OnCallAlready, person.Name));
        }
        var removed = await store.RemoveOnCallAsync(key, person.Id, cancellationToken);
        return CardParts.Message(t.Format(removed ? TextId.OnCallRemoved : TextId.OnCallAbsent, person.Name));
    }

    /// <summary>The names as one line ("Bob, 张三"), for cards and answers.</summary>
    public static string Names(IReadOnlyList<OnCallPerson> people) => string.Join(", ", people.Select(p => p.Name));
}
