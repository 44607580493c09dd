using Bot.Core.Alarms;
using Bot.Storage.LiteDb;
using Bot.TencentIot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Host.Tests.Alarms;

/// <summary>
/// A card's record is committed while its channel waits for the next slot, but no card goes out while the
/// previous one of its channel is without its record: a kill repeats at most one card per channel.
/// </summary>
public sealed class AlarmBookkeepingTests : IAsyncLifetime
{
    private AlarmHarness _h = null!;
    private HeldOutbox _outbox = null!;

    public async Task InitializeAsync()
    {
        _h = await AlarmHarness.StartAsync(services: h => s => s.Replace(ServiceDescriptor.Singleton<IAlarmOutbox>(sp =>
            _outbox = new HeldOutbox(sp.GetRequiredService<LiteDbAlarmStore>(), () => h.Slack.Posts.Count))));
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", "slack:C0LAMP");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task The_next_card_of_a_channel_waits_for_the_previous_cards_record()
    {
        for (var i = 0; i < 4; i++) _h.Tencent.AddMessage(TencentCategory.Device, $"alarm {i}", "x", "22F9Y6II7O", "light1");
        await _h.PollAsync();

        for (var released = 0; released < 4; released++)
        {
            Assert.True(await Until(() => _outbox.Held == released + 1, TimeSpan.FromSeconds(30)), "the card's record came");
            // Give a lane that did not wait the chance to post ahead (it would within microseconds).
            await Until(() => _h.Slack.Posts.Count > released + 1, TimeSpan.FromMilliseconds(300));
            Assert.Equal(released + 1, _h.Slack.Posts.Count);
            _outbox.ReleaseOne();
        }
        Assert.True(await Until(() => _outbox.PostsAtEachRecord.Count == 4, TimeSpan.FromSeconds(30)), "every record was written");

        Assert.Equal([1, 2, 3, 4], _outbox.PostsAtEachRecord);
        Assert.Equal(4, _h.Slack.Posts.Count);
    }

    private static async Task<bool> Until(Func<bool> condition, TimeSpan within)
    {
        var limit = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > limit) return false;
            await Task.Delay(5);
        }
        return true;
    }
}
