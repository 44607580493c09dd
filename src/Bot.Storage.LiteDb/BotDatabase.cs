using LiteDB;
using Microsoft.Extensions.Options;

namespace Bot.Storage.LiteDb;

/// <summary>
/// The process's one LiteDB database, which this process owns exclusively. Reads go straight to LiteDB;
/// every write goes through <see cref="WriteAsync{T}"/> (group commit, one writer), which also makes
/// read-check-write sequences (state transitions, "first one wins") atomic.
/// </summary>
public sealed class BotDatabase : IDisposable
{
    public BotDatabase(IOptions<StorageOptions> options)
    {
        var connection = new ConnectionString(options.Value.LiteDb);
        if (connection.Filename is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
            Directory.CreateDirectory(folder);
        Database = new LiteDatabase(connection, Mapper());
        Database.Pragma("UTC_DATE", true);
        EnsureIndexes();
        _writes = new GroupCommit(Database);
    }

    private readonly GroupCommit _writes;

    public LiteDatabase Database { get; }

    public ILiteCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    /// <summary>
    /// Runs <paramref name="work"/> (LiteDB calls only, nothing that awaits) on the writer, inside a transaction
    /// shared with the writes queued beside it; completes once committed. All of one work item is stored or none.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<T> work) => _writes.WriteAsync(work);

    public Task WriteAsync(Action work) => _writes.WriteAsync(() => { work(); return true; });

    private void EnsureIndexes()
    {
        Collection<MappingDocument>(Collections.Mappings).EnsureIndex(m => m.ChannelKey);
        Collection<MappingDocument>(Collections.Mappings).EnsureIndex(m => m.DeviceId);
        Collection<DeviceDocument>(Collections.Devices).EnsureIndex(d => d.TencentKey);
        Collection<CallDocument>(Collections.Calls).EnsureIndex(c => c.State);
        Collection<AuditDocument>(Collections.CallAudit).EnsureIndex(a => a.At);
    }

    private static BsonMapper Mapper() => new() { EnumAsInteger = false, TrimWhitespace = false, EmptyStringToNull = false };

    public void Dispose()
    {
        _writes.Dispose();
        Database.Dispose();
    }
}
