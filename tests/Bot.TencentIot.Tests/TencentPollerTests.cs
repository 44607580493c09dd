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

    public TencentPollerTests() => _poller = NewPoller();

    private TencentPoller NewPoller()
    {
        var directory = new FakeDirectory();
        var router = new AlarmRouter(directory, directory, directory, Options.Create(new AlarmOptions()));
        return new TencentPoller(_source, new AlarmIntake(_store, router, _signal, new FakeTimeProvider(), NullLogger<AlarmIntake>.Instance));
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

    private IEnumerable<string> TakenIds => _store.Takes.SelectMany(t => t.Alarms).Select(a => a.Message.Id);

    [Fact]
    public async Task A_backlog_is_read_page_by_page_and_each_page_taken_oldest_first_with_the_newest_as_cursor()
    {
        _source.Messages.AddRange(Enumerable.Range(1, 250).Select(i => ListSource.Message(i)));
        var signalled = _signal.Next;

        var result = await _poller.PollAsync(1, default);

        Assert.Equal(250, result.Stored);
        Assert.Equal(3, _source.Reads.Count);
        Assert.All(_source.Reads, r => Assert.Equal(TencentPoller.PageSize, r.Limit));
        Assert.Null(_source.Reads[0].Before);
        Assert.Equal(ListSource.Message(151).Position, _source.Reads[1].Before);
        // Each page is stored as it is read, newest page first, oldest first within the page.
        Assert.Equal(
            [Enumerable.Range(151, 100), Enumerable.Range(51, 100), Enumerable.Range(1, 50)],
            _store.Takes.Select(t => t.Alarms.Select(a => int.Parse(a.Message.Id, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.All(_store.Takes, t => Assert.Equal("tencent/1", t.Source));
        Assert.Equal(Cursor(250), _store.Cursors["tencent/1"]);
        Assert.True(signalled.IsCompleted);
    }

    [Fact]
    public async Task Paging_stops_at_the_cursor()
    {
        _source.Messages.AddRange(Enumerable.Range(1, 500).Select(i => ListSource.Message(i)));
        _store.Cursors["tencent/1"] = Cursor(380);

        await _poller.PollAsync(1, default);

        Assert.Equal(2, _source.Reads.Count);   // 500..401, then 400..301 meets 380
        Assert.Equal(Enumerable.Range(381, 120).Select(i => $"{i}").Order(), TakenIds.Order());
        Assert.Equal(Cursor(500), _store.Cursors["tencent/1"]);
    }

    [Fact]
    public async Task Cards_can_go_out_before_the_last_page_is_read()
    {
        _source.Messages.AddRange(Enumerable.Range(1, 1000).Select(i => ListSource.Message(i)));
        var signalled = _signal.Next;
        var takesAtLastRead = -1;
        var signalledAtLastRead = false;
        _source.OnRead = read =>
        {
            if (read != 10) return;
            takesAtLastRead = _store.Takes.Count;
            signalledAtLastRead = signalled.IsCompleted;
        };

        await _poller.PollAsync(1, default);

        Assert.Equal(10, _source.Reads.Count);
        Assert.Equal(9, takesAtLastRead);
        Assert.True(signalledAtLastRead, "the dispatcher was woken before the last page was read");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(10)]
    public async Task A_poll_stopped_after_some_pages_resumes_below_them_without_losing_or_repeating(int failingRead)
    {
        _source.Messages.AddRange(Enumerable.Range(1, 1000).Select(i => ListSource.Message(i)));
        _store.Cursors["tencent/1"] = Cursor(50);
        _source.FailingRead = failingRead;

        await Assert.ThrowsAsync<IOException>(() => _poller.PollAsync(1, default));
        Assert.Equal(failingRead - 1, _store.Takes.Count);
        Assert.Equal(Enumerable.Range(1000 - 100 * (failingRead - 1) + 1, 100 * (failingRead - 1)).Select(i => $"{i}").Order(), TakenIds.Order());

        // Meanwhile newer messages came; a new poll (as after a restart, from the stored cursor alone) reads the gap first.
        _source.Messages.AddRange(Enumerable.Range(1001, 30).Select(i => ListSource.Message(i)));
        _source.FailingRead = null;
        _source.Reads.Clear();
        var restarted = NewPoller();

        await restarted.PollAsync(1, default);

        Assert.Equal(ListSource.Message(1000 - 100 * (failingRead - 1) + 1).Position, _source.Reads[0].Before);
        var ids = TakenIds.ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(51, 980).Select(i => $"{i}").Order(), ids.Order());
        Assert.Equal(Cursor(1030), _store.Cursors["tencent/1"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_page_whose_take_was_not_committed_is_read_again(int failingTake)
    {
        _source.Messages.AddRange(Enumerable.Range(1, 500).Select(i => ListSource.Message(i)));
        _store.FailingTake = failingTake;

        await Assert.ThrowsAsync<IOException>(() => _poller.PollAsync(1, default));
        await NewPoller().PollAsync(1, default);

        var ids = TakenIds.ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 500).Select(i => $"{i}").Order(), ids.Order());
        Assert.Equal(Cursor(500), _store.Cursors["tencent/1"]);
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
        var ids = TakenIds.ToList();
        Assert.Equal(100, ids.Distinct().Count());
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // The repeated page is given up like the list's end: the next poll does not page into it again.
        Assert.Null(TencentCursor.Parse(_store.Cursors["tencent/1"]).Gap);
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
