using LiteDB;
using LiteDB.Engine;
using Microsoft.Extensions.Options;

namespace Bot.Storage.LiteDb;

/// <summary>
/// The process's one LiteDB database, which this process owns exclusively. Reads go straight to LiteDB;
/// every write goes through <see cref="WriteAsync{T}"/> (group commit, one writer), which also makes
/// read-check-write sequences (state transitions, "first one wins") atomic. A write is reported done only
/// once its commit is on stable storage (see <see cref="DurableFileStream"/>).
/// </summary>
public sealed class BotDatabase : IDisposable
{
    private readonly GroupCommit _writes;
    private readonly DurableFileStream[] _files = [];

    public BotDatabase(IOptions<StorageOptions> options) : this(options, path => new DurableFileStream(path)) { }

    /// <param name="openFile">Opens the data file and its log (tests pass streams that record what reaches the disk).</param>
    public BotDatabase(IOptions<StorageOptions> options, Func<string, DurableFileStream> openFile)
    {
        var connection = new ConnectionString(options.Value.LiteDb);
        DurableFileStream? log = null;
        if (connection.Filename is { Length: > 0 } file && file != ":memory:")
        {
            var path = Path.GetFullPath(file);
            if (Path.GetDirectoryName(path) is { } folder) Directory.CreateDirectory(folder);
            var data = openFile(path);
            log = openFile(LogPath(path));
            _files = [data, log];
            Database = new LiteDatabase(new LiteEngine(new EngineSettings
            {
                DataStream = data,
                LogStream = log,
                Password = connection.Password,
                ReadOnly = connection.ReadOnly,
                Collation = connection.Collation,
            }), Mapper(), disposeOnClose: true);
        }
        else
        {
            Database = new LiteDatabase(connection, Mapper());
        }
        Database.Pragma("UTC_DATE", true);
        EnsureIndexes();
        _writes = new GroupCommit(Database, log is null ? () => { } : () => log.Flush(flushToDisk: true));
    }

    public LiteDatabase Database { get; }

    /// <summary>Why the database stopped taking writes (a commit could not be made durable), or null.</summary>
    public string? Fault => _writes.Fault;

    public ILiteCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    /// <summary>
    /// Runs <paramref name="work"/> (LiteDB calls only, nothing that awaits) on the writer, inside a transaction
    /// shared with the writes queued beside it; completes once committed and on stable storage. All of one work
    /// item is stored or none; it runs exactly once.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<T> work) => _writes.WriteAsync(work);

    public Task WriteAsync(Action work) => _writes.WriteAsync(() => { work(); return true; });

    /// <summary>
    /// Runs <paramref name="reads"/> (LiteDB calls only, nothing that awaits) on one snapshot of the database. Outside a
    /// transaction every LiteDB query takes a snapshot of its own, which reads the collection's header and parses each of
    /// its index expressions again: a read made of many small queries pays that once here.
    /// </summary>
    public T Read<T>(Func<T> reads)
    {
        var own = Database.BeginTrans();
        try
        {
            return reads();
        }
        finally
        {
            if (own) Database.Rollback();
        }
    }

    // LiteDB's own name for the log beside a data file: "bot.db" → "bot-log.db".
    private static string LogPath(string dataPath) =>
        Path.Combine(Path.GetDirectoryName(dataPath) ?? "", Path.GetFileNameWithoutExtension(dataPath) + "-log" + Path.GetExtension(dataPath));

    private void EnsureIndexes()
    {
        Collection<MappingDocument>(Collections.Mappings).EnsureIndex(m => m.ChannelKey);
        Collection<MappingDocument>(Collections.Mappings).EnsureIndex(m => m.DeviceId);
        Collection<DeviceDocument>(Collections.Devices).EnsureIndex(d => d.TencentKey);
        Collection<CallDocument>(Collections.Calls).EnsureIndex(c => c.State);
        Collection<AuditDocument>(Collections.CallAudit).EnsureIndex(a => a.At);
        // Made here, before any write: a collection first created inside a batch of the writer's transaction is not seen
        // by the batch's later writes (each found no key and inserted its own), so every collection exists from the start.
        Collection<SigningKeyDocument>(Collections.SigningKeys).EnsureIndex(k => k.Value);
    }

    private static BsonMapper Mapper() => new() { EnumAsInteger = false, TrimWhitespace = false, EmptyStringToNull = false };

    public void Dispose()
    {
        _writes.Dispose();
        Database.Dispose();
        // LiteDB does not close streams it was handed.
        foreach (var file in _files) file.Dispose();
    }
}
