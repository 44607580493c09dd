using LiteDB;
using Microsoft.Extensions.Options;

namespace Bot.Storage.LiteDb;

/// <summary>Settings section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>LiteDB connection string; a bare path works too. Default <c>Filename=data/bot.db</c>.</summary>
    public string LiteDb { get; set; } = "Filename=data/bot.db";

    /// <summary>Optional JSON file of devices and mappings loaded (idempotently) at start-up.</summary>
    public string? SeedFile { get; set; }
}

/// <summary>
/// The process's one LiteDB database. LiteDB serialises writes itself; the <see cref="Gate"/> makes
/// read-check-write sequences (state transitions, "first one wins") atomic within this process,
/// which owns the file exclusively.
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
    }

    public LiteDatabase Database { get; }
    public Lock Gate { get; } = new();

    public ILiteCollection<T> Collection<T>(string name) => Database.GetCollection<T>(name);

    /// <summary>
    /// Runs <paramref name="work"/> under the gate in one LiteDB transaction: all of it is stored or none
    /// (a crash in between leaves the file as before), and it costs one commit instead of one per write.
    /// LiteDB binds a transaction to its thread, which the lock keeps for the whole block.
    /// </summary>
    public T InTransaction<T>(Func<T> work)
    {
        lock (Gate)
        {
            Database.BeginTrans();
            try
            {
                var result = work();
                Database.Commit();
                return result;
            }
            catch
            {
                Database.Rollback();
                throw;
            }
        }
    }

    private void EnsureIndexes()
    {
        Collection<MappingDocument>(Collections.Mappings).EnsureIndex(m => m.ChannelKey);
        Collection<MappingDocument>(Collections.Mappings).EnsureIndex(m => m.DeviceId);
        Collection<DeviceDocument>(Collections.Devices).EnsureIndex(d => d.TencentKey);
        Collection<CallDocument>(Collections.Calls).EnsureIndex(c => c.State);
        Collection<AuditDocument>(Collections.CallAudit).EnsureIndex(a => a.At);
    }

    private static BsonMapper Mapper() => new() { EnumAsInteger = false, TrimWhitespace = false, EmptyStringToNull = false };

    public void Dispose() => Database.Dispose();
}

public static class Collections
{
    public const string Devices = "devices";
    public const string Channels = "channels";
    public const string Mappings = "mappings";
    public const string Calls = "pendingCalls";
    public const string CallAudit = "callAudit";
    public const string Callers = "callers";
}
