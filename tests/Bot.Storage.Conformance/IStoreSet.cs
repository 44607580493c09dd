using Bot.Core.Alarms;
using Bot.Core.Storage;

namespace Bot.Storage.Conformance;

/// <summary>
/// One store's implementations of every storage port, on a fresh, empty database. The conformance suite runs
/// against this; each store's test project supplies its own (LiteDB: a file in a temporary folder; PostgreSQL: a
/// schema of its own per test class).
/// </summary>
public interface IStoreSet : IDisposable
{
    IDeviceStore Devices { get; }
    IChannelStore Channels { get; }
    IMappingStore Mappings { get; }
    ICallStore Calls { get; }
    ICallerStore Callers { get; }
    ISigningKeyStore Keys { get; }
    IAlarmIntakeStore Intake { get; }
    IAlarmOutbox Outbox { get; }
    IAlarmQueries Alarms { get; }
    IFamilyMappingStore Families { get; }
    ISilenceStore Silences { get; }
    IOnCallStore OnCall { get; }
    IEscalationStore Escalations { get; }
    IStormStore Storms { get; }
    IStorageSweep Sweep { get; }
    /// <summary>How many items one write of the sweep removes at most.</summary>
    int SweepBatch { get; }

    /// <summary>A restart: closes the database and opens it again; the properties then answer with new stores.</summary>
    void Reopen();
}
