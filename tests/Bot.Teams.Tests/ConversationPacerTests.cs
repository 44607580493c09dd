using Bot.Teams.Connector;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Teams.Tests;

public sealed class ConversationPacerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    private static TimeSpan Second => ConversationPacer.PerConversation[0].Span;

    [Fact]
    public void Seven_go_at_once_and_the_eighth_waits_for_the_one_second_window()
    {
        var pacer = new ConversationPacer(_time);

        var waits = Enumerable.Range(0, 8).Select(_ => pacer.Reserve("a:chat", "t")).ToList();

        Assert.All(waits.Take(7), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(Second, waits[7]);
        Assert.InRange(Second, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public void No_window_of_any_limit_ever_holds_more_than_its_limit()
    {
        var pacer = new ConversationPacer(_time);
        var slots = new List<DateTimeOffset>();
        for (var i = 0; i < 130; i++)
        {
            slots.Add(_time.GetUtcNow() + pacer.Reserve("19:abc@thread.tacv2", "t"));
            if (i % 10 == 0) _time.Advance(TimeSpan.FromMilliseconds(300));
        }

        foreach (var window in ConversationPacer.PerConversation)
            foreach (var start in slots)
                Assert.True(slots.Count(s => s >= start && s < start + window.Span - TimeSpan.FromMilliseconds(200)) <= window.Limit,
                    $"more than {window.Limit} in {window.Span} from {start:O}");
        // 60 per 30 s binds: the 61st slot is at least 30 s after the first.
        Assert.True(slots[60] - slots[0] >= TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Conversations_are_paced_apart_but_share_their_tenants_50_per_second()
    {
        var pacer = new ConversationPacer(_time);

        var waits = Enumerable.Range(0, 51).Select(i => pacer.Reserve($"a:chat{i}", "tenant-1")).ToList();
        var otherTenant = pacer.Reserve("a:chat0", "tenant-2");

        Assert.All(waits.Take(50), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.Equal(ConversationPacer.PerTenant[0].Span, waits[50]);
        Assert.Equal(TimeSpan.Zero, otherTenant);
    }

    [Fact]
    public void An_answered_operation_counts_where_its_answer_came_back_with_no_margin_on_top()
    {
        var pacer = new ConversationPacer(_time);
        var turns = Enumerable.Range(0, 7).Select(_ => pacer.ReserveTurn("a:chat", "t")).ToList();
        _time.Advance(TimeSpan.FromMilliseconds(300));
        foreach (var turn in turns) turn.Answered();

        // Teams may have counted the seven as late as their answers: the eighth goes exactly one second after those.
        Assert.Equal(TimeSpan.FromSeconds(1), pacer.Reserve("a:chat", "t"));
    }

    [Fact]
    public async Task No_slot_is_chosen_while_the_operation_that_bounds_the_window_is_in_flight()
    {
        var pacer = new ConversationPacer(_time);
        var first = await pacer.WaitTurnAsync("a:chat", "t", CancellationToken.None);
        for (var i = 0; i < 6; i++) (await pacer.WaitTurnAsync("a:chat", "t", CancellationToken.None)).Answered();

        // The first may still reach Teams at any moment: the eighth waits for its answer, then a second from it.
        var eighth = pacer.WaitTurnAsync("a:chat", "t", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(eighth.IsCompleted);
        first.Answered();
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(eighth.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await eighth.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Waiting_for_a_turn_follows_the_clock()
    {
        var pacer = new ConversationPacer(_time);
        for (var i = 0; i < 7; i++) (await pacer.WaitTurnAsync("a:chat", null, CancellationToken.None)).Answered();

        var eighth = pacer.WaitTurnAsync("a:chat", null, CancellationToken.None);
        Assert.False(eighth.IsCompleted);
        _time.Advance(Second - TimeSpan.FromMilliseconds(1));
        Assert.False(eighth.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await eighth.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_backlog_in_one_conversation_gets_its_slots_in_the_order_it_asked_each_within_the_limits()
    {
        var pacer = new ConversationPacer(_time);
        var first = await pacer.WaitTurnAsync("a:chat", "t", CancellationToken.None);
        for (var i = 0; i < 6; i++) (await pacer.WaitTurnAsync("a:chat", "t", CancellationToken.None)).Answered();

        // Twenty wait behind the first's answer (one of them gives up); each is answered as soon as its slot comes.
        using var givesUp = new CancellationTokenSource();
        var done = new System.Collections.Concurrent.ConcurrentQueue<(int Index, DateTimeOffset Slot)>();
        var waiting = Enumerable.Range(0, 20).Select(i => pacer.WaitTurnAsync("a:chat", "t", i == 3 ? givesUp.Token : CancellationToken.None)
            .ContinueWith(t =>
            {
                if (!t.IsCompletedSuccessfully) return;
                done.Enqueue((i, t.Result.Slot));
                t.Result.Answered();
            }, TaskScheduler.Default)).ToList();
        await givesUp.CancelAsync();
        first.Answered();

        for (var step = 0; step < 20_000 && !waiting.All(w => w.IsCompleted); step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1);
        }

        // In the order they asked, each to a slot no earlier than the one before (seven may share one).
        var order = done.OrderBy(o => o.Index).ToList();
        Assert.Equal(Enumerable.Range(0, 20).Where(i => i != 3), order.Select(o => o.Index));
        for (var i = 1; i < order.Count; i++) Assert.True(order[i].Slot >= order[i - 1].Slot, $"slot of {order[i].Index} before that of {order[i - 1].Index}");
        for (var i = 7; i < order.Count; i++) Assert.True(order[i].Slot - order[i - 7].Slot >= Second, $"eight within a second at {i}");
    }
}
