using Bot.Core.Alarms;
using Bot.Core.Escalation;
using Bot.Storage.Conformance;

namespace Bot.Storage.Postgres.Tests;

/// <summary>Two replicas reading due escalation steps and storm cards at once: each is one replica's until its hold runs out.</summary>
public sealed class ReplicaHoldTests : IDisposable
{
    private const string Channel = "slack:C1";
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T08:00:00Z");
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(30);
    private readonly PostgresStores _stores = new();
    private readonly PostgresDatabase _a;
    private readonly PostgresDatabase _b;

    public ReplicaHoldTests()
    {
        _a = _stores.Open(new PostgresOptions { ChannelClaim = Hold });
        _b = _stores.Open(new PostgresOptions { ChannelClaim = Hold });
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _stores.Dispose();
    }

    [StoreFact]
    public async Task A_due_step_is_read_by_one_replica_until_it_moves_on_or_its_hold_runs_out()
    {
        var a = new PostgresEscalationStore(_a);
        var b = new PostgresEscalationStore(_b);
        var id = AlarmEscalation.IdOf("1", Channel);
        await a.StartEscalationAsync(new AlarmEscalation(id, "1", Channel, Now, 0, 2, Now, null));

        var reads = await Task.WhenAll(a.DueEscalationsAsync(Now, 10), b.DueEscalationsAsync(Now, 10));
        Assert.Equal(1, reads.Sum(r => r.Count));
        Assert.Empty(await b.DueEscalationsAsync(Now + Hold - TimeSpan.FromSeconds(1), 10));
        // The replica holding it died: another takes the step when the hold runs out.
        Assert.Equal([id], (await b.DueEscalationsAsync(Now + Hold, 10)).Select(e => e.Id));
        // Moved on, the next step is due for whoever reads first.
        Assert.True(await b.AdvanceEscalationAsync(id, 0, 1, Now + Hold, null));
        Assert.Equal([id], (await a.DueEscalationsAsync(Now + Hold, 10)).Select(e => e.Id));
    }

    [StoreFact]
    public async Task A_storm_card_to_show_is_read_by_one_replica_until_it_is_shown_or_its_hold_runs_out()
    {
        for (var i = 1; i <= 3; i++)
        {
            var alarmId = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await _stores.Intake.TakeAsync("feed", [new(new IncomingAlarm { Id = alarmId, Source = "feed", Category = AlarmCategory.Device, At = Now, Title = alarmId }, "lamp01", [Channel])], alarmId, Now);
            await _stores.Storms.FoldIntoStormAsync(AlarmDelivery.IdOf(alarmId, Channel), alarmId, Channel, "lamp01", Now, 2, TimeSpan.FromMinutes(10));
        }
        var a = new PostgresStormStore(_a);
        var b = new PostgresStormStore(_b);

        var reads = await Task.WhenAll(a.StormsToShowAsync(Now), b.StormsToShowAsync(Now));
        var storm = Assert.Single(reads.SelectMany(r => r));
        Assert.Empty(await b.StormsToShowAsync(Now + Hold - TimeSpan.FromSeconds(1)));
        Assert.Equal([storm.Id], (await b.StormsToShowAsync(Now + Hold)).Select(s => s.Id));
        await b.MarkStormShownAsync(storm.Id, "C1/1.1", 2, Now + Hold);
        Assert.Equal([storm.Id], (await a.StormsToShowAsync(Now + Hold)).Select(s => s.Id));
    }
}
