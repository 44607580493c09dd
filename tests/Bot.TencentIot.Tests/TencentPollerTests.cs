using Bot.Core.Alarms;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.TencentIot.Tests;

/// <summary>Tencent's paging rules, against a list that pages like Tencent's and the Core's intake.</summary>
public sealed class TencentPollerTests
{
    private readonly ListSource _source = new();
    private readonly RecordingIntakeStore _store = new();
    private readonly AlarmSignal _signal = new();
    private readonly TencentPoller _poller;

    public TencentPollerTests()
    {
        var directory = new FakeDirectory();
        var router = new AlarmRouter(directory, directory, directory, Options.Create(new AlarmOptions()));
        _poller = new TencentPoller(_source, new AlarmIntake(_store, router, _signal, new FakeTimeProvider(), NullLogger<AlarmIntake>.Instance));
    }

    private static string Cursor(long id, long? timestamp = null) => ListSource.Message(id, timestamp: timestamp).Position.ToCursor();

    [Fact]
    public async Task With_nothing_new_a_poll_is_one_read_and_no_write()
    {
        _source.Messages.AddRange(Enumerable.Range(1, 300).Select(i => ListSource.Message(i)));
        _store.Cursors["tencent/1"] = Cursor(300);

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
        Assert.All(_source.Reads, r => Assert.Equal(TencentPoller.PageSize, r.Limit));
        Assert.Null(_source.Reads[0].Before);
        Assert.Equal(ListSource.Message(151).Position, _source.Reads[1].Before);
        var take = Assert.Single(_store.Takes);
        Assert.Equal(Enumerable.Range(1, 250).Select(i => $"{i}"), take.Alarms.Select(a => a.Message.Id));
        Assert.Equal(("tencent/1", Cursor(250)), (take.Source, take.Cursor));
        Assert.True(signalled.IsCompleted);
    }

    [Fact]
    public async Task Paging_stops_at_the_cursor()
    {
        _source.Messages.AddRange(Enumerable.Range(1, 500).Select(i => ListSource.Message(i)));
        _store.Cursors["tencent/1"] = Cursor(380);

        await _poller.PollAsync(1, default);

        Assert.Equal(2, _source.Reads.Count);   // 500..401, then 400..301 meets 380
        Assert.Equal(Enumerable.Range(381, 120).Select(i => $"{i}"), Assert.Single(_store.Takes).Alarms.Select(a => a.Message.Id));
    }

    [Fact]
    public async Task Messages_of_the_same_millisecond_are_ordered_by_id()
    {
        _source.Messages.Add(ListSource.Message(10, timestamp: 5));
        _source.Messages.Add(ListSource.Message(9, timestamp: 5));
        _store.Cursors["tencent/1"] = new TencentPosition(5, "9").ToCursor();

        await _poller.PollAsync(1, default);

        Assert.Equal(["10"], Assert.Single(_store.Takes).Alarms.Select(a => a.Message.Id));
    }

    [Fact]
    public async Task A_server_that_repeats_its_page_does_not_loop_or_take_twice()
    {
        _source.Messages.AddRange(Enumerable.Range(1, 150).Select(i => ListSource.Message(i)));
        _source.IgnoresPaging = true;

        await _poller.PollAsync(1, default);

        Assert.Equal(2, _source.Reads.Count);
        var ids = Assert.Single(_store.Takes).Alarms.Select(a => a.Message.Id).ToList();
        Assert.Equal(100, ids.Distinct().Count());
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Categories_keep_their_own_cursor()
    {
        _source.Messages.Add(ListSource.Message(1, category: 1));
        _source.Messages.Add(ListSource.Message(2, category: 2, familyId: "1"));

        await _poller.PollAsync(2, default);

        Assert.Equal(["2"], Assert.Single(_store.Takes).Alarms.Select(a => a.Message.Id));
        Assert.False(_store.Cursors.ContainsKey("tencent/1"));
        Assert.Equal("tencent/2", Assert.Single(_store.Takes).Source);
    }

    [Fact]
    public async Task Messages_reach_the_intake_as_neutral_alarms_from_tencent()
    {
        _source.Messages.Add(ListSource.Message(1, category: 1, productId: "22F9Y6II7O", deviceName: "light1"));

        await _poller.PollAsync(1, default);

        var alarm = Assert.Single(Assert.Single(_store.Takes).Alarms).Message;
        Assert.Equal(("1", "tencent", AlarmCategory.Device, AlarmSeverity.Warning), (alarm.Id, alarm.Source, alarm.Category, alarm.Severity));
        Assert.Equal(new Bot.Core.Devices.SourceIdentity("22F9Y6II7O", "light1"), alarm.Device);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_001), alarm.At);
    }

    [Fact]
    public async Task A_cursor_in_another_format_reads_the_list_from_the_top()
    {
        _source.Messages.AddRange(Enumerable.Range(1, 3).Select(i => ListSource.Message(i)));
        _store.Cursors["tencent/1"] = "not a tencent cursor";

        await _poller.PollAsync(1, default);

        Assert.Equal(["1", "2", "3"], Assert.Single(_store.Takes).Alarms.Select(a => a.Message.Id));
    }
}
