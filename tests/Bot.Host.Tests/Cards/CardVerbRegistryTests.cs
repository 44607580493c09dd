using System.Reflection;
using System.Text.Json.Nodes;
using Bot.Core;
using Bot.Core.Cards;
using Bot.Host.Tests.Playground;
using Bot.Host.Tests.Support;

namespace Bot.Host.Tests.Cards;

/// <summary>
/// Every verb a card's button carries has a handler in the bot as it is composed: the registry is resolved
/// from the real host's service provider, so a verb whose feature forgot to register its handler fails here.
/// </summary>
public sealed class CardVerbRegistryTests : IAsyncLifetime
{
    private BotTestHost _bot = null!;

    public async Task InitializeAsync() => _bot = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public void Every_verb_on_every_card_the_bot_builds_has_a_registered_handler()
    {
        var registry = _bot.Get<CardActions>();
        var chat = _bot.Get<ChatRequests>();

        var used = CardRendererTests.EveryCard()
            .SelectMany(c => VerbsOf(JsonNode.Parse(CardJson.Serialize(c.Card))).Select(verb => (c.Name, Verb: verb)))
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(registry.IsKnown(u.Verb) && chat.Knows(u.Verb), $"{u.Name}: no handler for '{u.Verb}'"));
        // The cards reach every call verb and the alarm's: the walk really finds buttons.
        Assert.Superset(new HashSet<string> { CardVerbs.CallStart, CardVerbs.CallConfirm, CardVerbs.CallCancel, CardVerbs.CallRetry, CardVerbs.AlarmAcknowledge },
            used.Select(u => u.Verb).ToHashSet());
    }

    [Fact]
    public void Every_declared_verb_has_a_handler_and_every_handler_a_declared_verb()
    {
        var declared = typeof(CardVerbs).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Order().ToList();

        Assert.Equal(declared, _bot.Get<CardActions>().Verbs.Order().ToList());
    }

    /// <summary>The verbs of a card's buttons wherever they sit: Action.Execute's verb, a submit's data.verb.</summary>
    private static IEnumerable<string> VerbsOf(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() == "Action.Execute" && o["verb"]?.GetValue<string>() is { } verb) yield return verb;
                else if (o["data"] is JsonObject data && data["verb"]?.GetValue<string>() is { } dataVerb) yield return dataVerb;
                foreach (var (_, child) in o)
                    foreach (var v in VerbsOf(child)) yield return v;
                break;
            case JsonArray a:
                foreach (var child in a)
                    foreach (var v in VerbsOf(child)) yield return v;
                break;
        }
    }
}
