using Bot.Core.Alarms;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Alarms;

public sealed class AlarmPollerTests
{
    private readonly ListSource _source = new();
    private readonly RecordingAlarmStore _store = new();
    private readonly AlarmSignal _signal = new();
    private readonly AlarmPoller _poller;

    public AlarmPollerTests()
    {
        var directory = new FakeDirectory();
        var router = new AlarmRouter(directory, directory, directory, Options.Create(new AlarmOptions()));
        _poller = new AlarmPoller(_source, _store, router, _signal, new FakeTimeProvider(), NullLogger<AlarmPoller>.Instance);
    }

    [Fact]
    public async Task With_nothing_new_a_poll_is_one_read_and_no_write()
    {
        _source.Messages.AddRange(Enumerable.Range(1, 300).Select(i => ListSource.Message(i)));
        _store.Cursors[1] = ListSource.Message(300).Position;

        var result = await _poller.PollAsync(1, default);

        Assert.Equal(0, result.Stored);
        Assert.Single(_source.Reads);
        Assert.Empty(_store.Takes);
    }

    [Fact]
    public async Task A_backlog_is_read_page_by_page_and_handed_on_oldest_first_with_the_newest_as_cursor()
    {
        _source.Messages.AddRange(Enumerable.Range(1, 250).Select(i => ListSource.Message(i)));
        var signalled = _signal.Next;

        var result = await _poller.PollAsync(1, default);

        Assert.Equal(250, result.Stored);
        Assert.Equal(3, _source.Reads.Count);
        Assert.All(_source.Reads, r => Assert.Equal(AlarmPoller.PageSize, r.Limit));
        Assert.Null(_source.Reads[0].Before);
        Assert.Equal(ListSource.Message(151).Position, _source.Reads[1].Before);
        var take = Assert.Single(_store.Takes);
        Assert.Equal(Enumerable.Range(1, 250).Select(i => $"{i}"), take.Alarms.Select(a => a.Message.MsgId));
        Assert.Equal(ListSource.Message(250).Position, take.Cursor);
        Assert.True(signalled.IsCompleted);
    }

    [Fact]
    public async Task Paging_stops_at_the_cursor()
    {
        _source.Messages.AddRange(Enumerable.Range(1, 500).Select(i => ListSource.Message(i)));
        _store.Cursors[1] = ListSource.Message(380).Position;

        await _poller.PollAsync(1, default);

        Assert.Equal(2, _source.Reads.Count);   // 500..401, then 400..301 meets 380
        Assert.Equal(Enumerable.Range(381, 120).Select(i => $"{i}"), Assert.Single(_store.Takes).Alarms.Select(a => a.Message.MsgId));
    }

    [Fact]
    public async Task Messages_of_the_same_millisecond_are_ordered_by_id()
    {
        _source.Messages.Add(ListSource.Message(10, timestamp: 5));
        _source.Messages.Add(ListSource.Message(9, timestamp: 5));
        _store.Cursors[1] = new AlarmPosition(5, "9");

        await _poller.PollAsync(1, default);

        Assert.Equal(["10"], Assert.Single(_store.Takes).Alarms.Select(a => a.Message.MsgId));
    }

    [Fact]
    public async Task A_server_that_repeats_its_page_does_not_loop_or_take_twice()
    {
        _source.Messages.AddRange(Enumerable.Range(1, 150).Select(i => ListSource.Message(i)));
        _source.IgnoresPaging = true;

        await _poller.PollAsync(1, default);

        Assert.Equal(2, _source.Reads.Count);
        var ids = Assert.Single(_store.Takes).Alarms.Select(a => a.Message.MsgId).ToList();
        Assert.Equal(100, ids.Distinct().Count());
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Categories_keep_their_own_cursor()
    {
        _source.Messages.Add(ListSource.Message(1, category: 1));
        _source.Messages.Add(ListSource.Message(2, category: 2, familyId: "1"));

        await _poller.PollAsync(2, default);

        Assert.Equal(["2"], Assert.Single(_store.Takes).Alarms.Select(a => a.Message.MsgId));
        Assert.False(_store.Cursors.ContainsKey(1));
    }
}
