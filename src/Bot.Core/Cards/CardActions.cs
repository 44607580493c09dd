using System.Collections.Frozen;

namespace Bot.Core.Cards;

/// <summary>The registry of card verbs: built from every registered <see cref="ICardActionHandler"/>, one handler per verb.</summary>
public sealed class CardActions
{
    private readonly FrozenDictionary<string, ICardActionHandler> _byVerb;

    public CardActions(IEnumerable<ICardActionHandler> handlers)
    {
        var byVerb = new Dictionary<string, ICardActionHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            // Two handlers for one verb is a wiring mistake: refuse to start rather than pick one.
            if (!byVerb.TryAdd(handler.Verb, handler))
                throw new InvalidOperationException($"Card verb '{handler.Verb}' has two handlers: {byVerb[handler.Verb].GetType().Name} and {handler.GetType().Name}.");
        }
        _byVerb = byVerb.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Verbs => _byVerb.Keys;

    public bool IsKnown(string verb) => _byVerb.ContainsKey(verb);

    public ICardActionHandler? Find(string verb) => _byVerb.GetValueOrDefault(verb);
}
