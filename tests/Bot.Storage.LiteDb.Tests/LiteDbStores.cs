using Bot.Core.Alarms;
using Bot.Core.Storage;
using Bot.Storage.Conformance;

namespace Bot.Storage.LiteDb.Tests;

/// <summary>The LiteDB stores on a file of their own (<see cref="StoreFixture"/>), for the conformance suite.</summary>
public sealed class LiteDbStores : IStoreSet
{
    private LiteDbAlarmStore _alarms;

    public LiteDbStores() => _alarms = new LiteDbAlarmStore(Fixture.Database);

    public StoreFixture Fixture { get; } = new();

    public IDeviceStore Devices => new LiteDbDeviceStore(Fixture.Database);
    public IChannelStore Channels => new LiteDbChannelStore(Fixture.Database);
    public IMappingStore Mappings => new LiteDbChannelStore(Fixture.Database);
    public ICallStore Calls => new LiteDbCallStore(Fixture.Database);
    public ICallerStore Callers => new LiteDbCallStore(Fixture.Database);
    public ISigningKeyStore Keys => new LiteDbSigningKeyStore(Fixture.Database);
    public IAlarmIntakeStore Intake => _alarms;
    public IAlarmOutbox Outbox => _alarms;
    public IAlarmQueries Alarms => _alarms;
    public LiteDbAlarmStore AlarmStore => _alarms;
    public IFamilyMappingStore Families => new LiteDbFamilyMappingStore(Fixture.Database);
    public ISilenceStore Silences => new LiteDbSilenceStore(Fixture.Database);
    public IOnCallStore OnCall => new LiteDbOnCallStore(Fixture.Database);
    public IEscalationStore Escalations => new LiteDbEscalationStore(Fixture.Database);
    public IStormStore Storms => new LiteDbStormStore(Fixture.Database);
    public IStorageSweep Sweep => new LiteDbStorageSweep(Fixture.Database);
    public int SweepBatch => LiteDbStorageSweep.Batch;

    public void Reopen() => _alarms = new LiteDbAlarmStore(Fixture.Reopen());

    public void Dispose() => Fixture.Dispose();
}
