using LiteDB;

namespace Bot.Storage.LiteDb.Tests;

public sealed class GroupCommitTests : IDisposable
{
    private readonly StoreFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private sealed class Row
    {
        [BsonId] public int Id { get; set; }
        public string Value { get; set; } = "";
    }

    [Fact]
    public async Task Concurrent_writes_all_complete_and_survive_a_restart()
    {
        var db = _fixture.Database;
        var rows = db.Collection<Row>("rows");

        await Task.WhenAll(Enumerable.Range(1, 500).Select(i => Task.Run(() => db.WriteAsync(() => rows.Insert(new Row { Id = i, Value = $"v{i}" })))));

        var reopened = _fixture.Reopen().Collection<Row>("rows");
        Assert.Equal(500, reopened.Count());
        Assert.Equal("v500", reopened.FindById(500).Value);
    }

    [Fact]
    public async Task A_failing_write_fails_alone_and_leaves_nothing_behind()
    {
        var db = _fixture.Database;
        var rows = db.Collection<Row>("rows");
        await db.WriteAsync(() => rows.Insert(new Row { Id = 1, Value = "first" }));

        // Queue many writes at once so they share a batch; one of them inserts, then fails.
        var writes = Enumerable.Range(100, 50).Select(i => i == 125
            ? db.WriteAsync(() => { rows.Insert(new Row { Id = 9999, Value = "half" }); rows.Insert(new Row { Id = 1, Value = "duplicate" }); })
            : db.WriteAsync(() => { rows.Insert(new Row { Id = i, Value = $"v{i}" }); })).ToList();

        var failure = await Assert.ThrowsAsync<LiteException>(() => writes[25]);
        Assert.Equal(LiteException.INDEX_DUPLICATE_KEY, failure.ErrorCode);
        await Task.WhenAll(writes.Where((_, i) => i != 25));

        Assert.Equal(50, rows.Count());                    // "first" and the 49 good writes
        Assert.Null(rows.FindById(9999));             // the failed write's first insert was rolled back with it
        Assert.Equal("first", rows.FindById(1).Value);
    }

    [Fact]
    public async Task A_read_check_write_inside_one_write_is_atomic()
    {
        var db = _fixture.Database;
        var rows = db.Collection<Row>("rows");
        await db.WriteAsync(() => rows.Insert(new Row { Id = 1, Value = "0" }));

        await Task.WhenAll(Concurrently.Run(16, () => db.WriteAsync(() =>
        {
            var row = rows.FindById(1);
            row.Value = (int.Parse(row.Value) + 1).ToString();
            rows.Update(row);
        })));

        Assert.Equal("16", rows.FindById(1).Value);
    }

    [Fact]
    public async Task Writes_after_closing_are_refused()
    {
        var db = _fixture.Database;
        db.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => db.WriteAsync(() => 1));
    }
}
