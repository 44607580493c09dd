using Bot.Core.Alarms;
using Bot.Core.Devices;
using Bot.Host.Storage;
using Bot.Host.Tests.Support;
using Bot.Storage.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Host.Tests.Storage;

/// <summary>A replica's inventory follows what another replica writes to the shared database, within a moment.</summary>
public sealed class InventoryFollowerTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _schema = TestPostgres.NewSchema();
    private PostgresDatabase _a = null!;
    private PostgresDatabase _b = null!;

    public async Task InitializeAsync()
    {
        if (TestPostgres.Problem is not null) return;
        _a = Open();
        _b = Open();
        await PostgresMigrations.ApplyAsync(_a);
    }

    public async Task DisposeAsync()
    {
        if (TestPostgres.Problem is not null) return;
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await TestPostgres.DropSchemaAsync(_schema);
    }

    private PostgresDatabase Open() => new(Options.Create(new PostgresOptions { ConnectionString = TestPostgres.InSchema(_schema) }));

    private static Inventory InventoryOf(PostgresDatabase db)
    {
        var channels = new PostgresChannelStore(db);
        return new Inventory(new PostgresDeviceStore(db), channels, channels);
    }

    [PostgresFact]
    public async Task Devices_and_mappings_written_by_another_replica_show_in_this_ones_inventory()
    {
        var mine = InventoryOf(_b);
        await mine.ReloadAsync();
        using var listener = new PostgresNotificationListener(_b, new AlarmSignal(), TimeProvider.System, NullLogger<PostgresNotificationListener>.Instance);
        using var follower = new InventoryFollower(listener, mine, NullLogger<InventoryFollower>.Instance);
        await follower.StartAsync(default);
        await listener.StartAsync(default);
        try
        {
            await Eventually(() => Task.FromResult(listener.Listening));
            var theirs = InventoryOf(_a);

            await theirs.UpsertDeviceAsync(new Device { DeviceId = "aqm0523", IsdpDeviceId = "aqm0523--1", ChatJid = "1@x" });
            await theirs.MapAsync("slack:C1", "aqm0523");
            await Eventually(async () => (await mine.CurrentAsync()).IsMapped("slack:C1", "aqm0523"));

            await theirs.RemoveDeviceAsync("aqm0523");
            await Eventually(async () => !(await mine.CurrentAsync()).IsMapped("slack:C1", "aqm0523"));
        }
        finally
        {
            await listener.StopAsync(default);
            await follower.StopAsync(default);
        }
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {Patience}");
            await Task.Delay(20);   // a poll of the follower's state, not a wait for time to pass
        }
    }
}
