using System.Collections.Concurrent;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Bot.Storage.LiteDb.Tests;

/// <summary>A write is reported done only once it is on stable storage; a failed write ran exactly once.</summary>
public sealed class DurableCommitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bot-durable-").FullName;
    private readonly ConcurrentQueue<string> _journal = new();
    private bool _failSync;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class Row
    {
        [BsonId] public int Id { get; set; }
        public string Value { get; set; } = "";
    }

    private BotDatabase Open() => new(
        Options.Create(new StorageOptions { LiteDb = $"Filename={Path.Combine(_folder, "bot.db")}" }),
        path => new RecordingFileStream(path, _journal, () => _failSync));

    [Fact]
    public async Task Every_write_is_synced_to_disk_before_its_caller_is_released()
    {
        using var db = Open();
        var rows = db.Collection<Row>("rows");
        for (var i = 1; i <= 20; i++)
        {
            _journal.Clear();
            await db.WriteAsync(() => rows.Insert(new Row { Id = i, Value = $"v{i}" }));
            var seen = _journal.ToArray();
            var lastWrite = Array.LastIndexOf(seen, "log write");
            Assert.True(lastWrite >= 0, $"write {i} reached no log page: {string.Join(", ", seen)}");
            Assert.Contains("log synced", seen[lastWrite..]);
        }
    }

    [Fact]
    public async Task A_checkpoint_syncs_the_data_file_before_it_empties_the_log()
    {
        var db = Open();
        var rows = db.Collection<Row>("rows");
        await db.WriteAsync(() => rows.Insert(new Row { Id = 1, Value = "kept" }));
        _journal.Clear();
        db.Dispose(); // closing checkpoints the log into the data file

        var seen = _journal.ToArray();
        var truncate = Array.IndexOf(seen, "log truncate");
        Assert.True(truncate > 0, string.Join(", ", seen));
        var lastDataWrite = Array.LastIndexOf(seen, "data write", truncate);
        Assert.True(lastDataWrite >= 0, string.Join(", ", seen));
        Assert.Contains("data synced", seen[lastDataWrite..truncate]);

        using var reopened = Open();
        Assert.Equal("kept", reopened.Collection<Row>("rows").FindById(1).Value);
    }

    [Fact]
    public async Task A_write_that_fails_alone_runs_once()
    {
        using var db = Open();
        var runs = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteAsync(() =>
        {
            Interlocked.Increment(ref runs);
            throw new InvalidOperationException("refused");
        }));
        // Another write after it: had the failed one been queued again, it would have run before this completes.
        await db.WriteAsync(() => 1);
        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_commit_that_cannot_be_synced_is_reported_failed_and_stops_further_writes()
    {
        using var db = Open();
        var rows = db.Collection<Row>("rows");
        await db.WriteAsync(() => rows.Insert(new Row { Id = 1, Value = "before" }));

        _failSync = true;
        await Assert.ThrowsAsync<IOException>(() => db.WriteAsync(() => rows.Insert(new Row { Id = 2, Value = "unsure" })));
        _failSync = false;

        Assert.NotNull(db.Fault);
        await Assert.ThrowsAsync<IOException>(() => db.WriteAsync(() => rows.Insert(new Row { Id = 3, Value = "after" })));
        Assert.Null(rows.FindById(3));
    }
}
