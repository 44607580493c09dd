using Bot.Core.Alarms;
using Bot.Core.Storage;
using Bot.Storage.Conformance;
using Microsoft.Extensions.Options;

namespace Bot.Storage.Postgres.Tests;

/// <summary>The PostgreSQL stores in a schema of their own (made by the migrations, dropped at the end), for the conformance suite.</summary>
public sealed class PostgresStores : IStoreSet
{
    public PostgresStores()
    {
        Schema = TestPostgres.NewSchema();
        Database = Open();
        PostgresMigrations.ApplyAsync(Database).GetAwaiter().GetResult();
    }

    public string Schema { get; }
    public PostgresDatabase Database { get; private set; }
    public string ConnectionString => TestPostgres.InSchema(Schema);

    /// <summary>Another replica's view of the same database (its own pool and replica name).</summary>
    public PostgresDatabase Open(PostgresOptions? options = null)
    {
        var o = options ?? new PostgresOptions();
        o.ConnectionString = ConnectionString;
        return new PostgresDatabase(Options.Create(o));
    }

    public IDeviceStore Devices => new PostgresDeviceStore(Database);
    public IChannelStore Channels => new PostgresChannelStore(Database);
    public IMappingStore Mappings => new PostgresChannelStore(Database);
    public ICallStore Calls => new PostgresCallStore(Database);
    public ICallerStore Callers => new PostgresCallStore(Database);
    public ISigningKeyStore Keys => new PostgresSigningKeyStore(Database);
    public IAlarmIntakeStore Intake => new PostgresAlarmStore(Database);
    public IAlarmOutbox Outbox => new PostgresAlarmStore(Database);
    public IAlarmQueries Alarms => new PostgresAlarmStore(Database);
    public IFamilyMappingStore Families => new PostgresFamilyMappingStore(Database);
    public ISilenceStore Silences => new PostgresSilenceStore(Database);
    public IOnCallStore OnCall => new PostgresOnCallStore(Database);
    public IEscalationStore Escalations => new PostgresEscalationStore(Database);
    public IStormStore Storms => new PostgresStormStore(Database);
    public IStorageSweep Sweep => new PostgresStorageSweep(Database);
    public int SweepBatch => PostgresStorageSweep.Batch;

    public void Reopen()
    {
        Database.Dispose();
        Database = Open();
    }

    public void Dispose()
    {
        Database.Dispose();
        TestPostgres.DropSchema(Schema);
    }
}
