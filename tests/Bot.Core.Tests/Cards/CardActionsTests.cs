using Bot.Core.Cards;
using Bot.Core.Text;

namespace Bot.Core.Tests.Cards;

public sealed class CardActionsTests
{
    private sealed class Handler(string verb) : ICardActionHandler
    {
        public string Verb => verb;
        public Task<ActionResult> HandleAsync(CardClick click, Texts texts, CancellationToken cancellationToken) => Task.FromResult(ActionResult.Note(verb));
    }

    [Fact]
    public void The_known_verbs_are_the_registered_ones()
    {
        var actions = new CardActions([new Handler("a.one"), new Handler("b.two")]);

        Assert.True(actions.IsKnown("a.one"));
        Assert.False(actions.IsKnown("c.three"));
        Assert.Null(actions.Find("c.three"));
        Assert.Equal(["a.one", "b.two"], actions.Verbs.Order());
    }

    [Fact]
    public void Two_handlers_for_one_verb_refuse_to_start()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new CardActions([new Handler("a.one"), new Handler("a.one")]));
        Assert.Contains("a.one", e.Message);
    }

    [Fact]
    public async Task A_handler_without_an_interim_card_leaves_it_to_the_surface()
    {
        ICardActionHandler handler = new Handler("a.one");
        Assert.Null(await handler.InterimAsync(new CardClick(null!, "a.one", "1"), Texts.English, default));
    }
}
