using Bot.Core.Alarms;
using Bot.Storage.Conformance;

namespace Bot.Storage.LiteDb.Tests;

/// <summary>The alarm store's contract on a LiteDB file, and what only a LiteDB file can hold: alarms stored by older versions.</summary>
public sealed class AlarmStoreTests : AlarmStoreContract
{
    private readonly LiteDbStores _stores;

    public AlarmStoreTests() : this(new LiteDbStores()) { }

    private AlarmStoreTests(LiteDbStores stores) : base(stores) => _stores = stores;

    [Theory]
    [InlineData(1, AlarmSeverity.Warning)]
    [InlineData(2, AlarmSeverity.Info)]
    [InlineData(3, AlarmSeverity.Info)]
    public async Task An_alarm_stored_without_a_severity_gets_the_one_its_category_had(int category, AlarmSeverity severity)
    {
        _stores.Fixture.Database.Collection<AlarmDocument>(AlarmCollections.Alarms).Insert(new AlarmDocument { Id = "7", Category = category, Title = "old" });

        var alarm = await _stores.Alarms.FindAsync("7");

        Assert.Equal(((AlarmCategory)category, severity), (alarm!.Message.Category, alarm.Message.Severity));
    }
}
