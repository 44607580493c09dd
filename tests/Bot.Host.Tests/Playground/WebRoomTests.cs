using System.Net.ServerSentEvents;
using Bot.WebChat;

namespace Bot.Host.Tests.Playground;

public sealed class WebRoomTests
{
    private static WebMessage Said(WebRoom room, string text) => room.Append(new WebMessage
    {
        Id = room.NewMessageId(), Kind = WebMessage.FromPerson, Author = "Ann", Text = text, At = DateTimeOffset.UnixEpoch,
    });

    [Fact]
    public void Keeps_the_latest_messages_and_cannot_edit_dropped_ones()
    {
        var room = new WebRoom("playground", capacity: 3);
        var first = Said(room, "1");
        foreach (var text in new[] { "2", "3", "4" }) Said(room, text);

        Assert.Equal(["2", "3", "4"], room.Messages.Select(m => m.Text));
        Assert.Null(room.Update(first.Id, m => m with { Text = "edited" }));
        var last = room.Messages[^1];
        Assert.Equal("edited", room.Update(last.Id, m => m with { Text = "edited", Id = "ignored" })!.Text);
        Assert.Equal(last.Id, room.Messages[^1].Id);
    }

    [Fact]
    public async Task A_page_gets_the_transcript_then_changes_in_order_and_leaves_when_cancelled()
    {
        var room = new WebRoom("playground", capacity: 10);
        var before = Said(room, "before");
        using var leave = new CancellationTokenSource();
        var events = room.FollowAsync(leave.Token).GetAsyncEnumerator();

        Assert.True(await events.MoveNextAsync());
        Assert.Equal("snapshot", events.Current.EventType);
        Assert.Contains(before.Id, events.Current.Data);
        Assert.Equal(1, room.PagesFollowing);

        var after = Said(room, "after");
        room.Update(before.Id, m => m with { Text = "changed" });
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(("message", true), (events.Current.EventType, events.Current.Data.Contains(after.Id, StringComparison.Ordinal)));
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("update", events.Current.EventType);
        Assert.Contains("changed", events.Current.Data);

        await leave.CancelAsync();
        Assert.False(await events.MoveNextAsync());
        await events.DisposeAsync();
        Assert.Equal(0, room.PagesFollowing);
    }

    [Fact]
    public async Task A_page_that_falls_behind_is_let_go_so_it_reconnects_for_a_fresh_transcript()
    {
        var room = new WebRoom("playground", capacity: 10);
        var events = room.FollowAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());

        // Nobody reads: the page's backlog fills, and the room stops writing to it instead of waiting.
        for (var i = 0; i < 300; i++) Said(room, $"m{i}");

        var received = new List<SseItem<string>>();
        while (await events.MoveNextAsync()) received.Add(events.Current);
        await events.DisposeAsync();
        Assert.InRange(received.Count, 1, 299);
        Assert.Equal(0, room.PagesFollowing);
    }
}
