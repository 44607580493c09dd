using Bot.Core;
using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Slack;
using Bot.TencentIot;

namespace Bot.Host.Tests.Alarms;

/// <summary>
/// A channel's queue longer than its limit clears in a minute: the cards beyond that fold into one backlog summary card.
/// The recording surface does not state its pace, so <c>Alarms:Backlog:DefaultCardsPerMinute</c> sets the threshold.
/// </summary>
public sealed class BacklogTests : IAsyncLifetime
{
    private const string Lamps = "slack:C-LAMPS";
    private const int Threshold = 20;
    private const int Devices = 18;
    private AlarmHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await AlarmHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Alarms:Storms:Enabled"] = "true",
            ["Alarms:Backlog:Enabled"] = "true",
            ["Alarms:Backlog:DefaultCardsPerMinute"] = Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Two minutes of the channel's pace, half of it for its own cards: the threshold is the cards per minute above.
            ["Alarms:Backlog:ClearWithin"] = "00:02:00",
        });
        for (var d = 0; d < Devices; d++) await _h.AddTencentDeviceAsync($"lamp{d:D2}", "22F9Y6II7O", $"light{d}", Lamps);
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    private static bool IsSummary(RecordingSurface.Sent sent) => sent.Reply.Text.StartsWith("Backlog: ", StringComparison.Ordinal);

    [Fact]
    public async Task A_burst_beyond_the_threshold_is_threshold_cards_and_one_summary_whose_count_is_exact_and_one_click_acknowledges_it_all()
    {
        // Five alarms per device: none is a storm (more than five are), so every one would want a card of its own.
        var ids = new List<string>();
        for (var i = 0; i < 5 * Devices; i++)
            ids.Add(_h.Tencent.AddMessage(TencentCategory.Device, $"alarm {i}", "burst", "22F9Y6II7O", $"light{i % Devices}").MsgId);
        await _h.PollAsync();
        await _h.WaitForDeliveriesAsync(all => all.Count(d => d.Channel == Lamps && d.State == "Posted") == ids.Count);

        var folded = ids.Count - Threshold;
        await _h.Slack.WaitForAsync(s => s.Posts.Concat(s.Edits).Any(p => IsSummary(p) && p.Reply.Text.StartsWith($"Backlog: {folded} alarms from {Devices} devices", StringComparison.Ordinal)));
        var own = _h.Slack.Posts.Where(p => p.ChannelKey == Lamps && !IsSummary(p)).ToList();
        Assert.Equal(Threshold, own.Count);
        // The oldest keep their cards (the lane's order); the rest are counted in the summary, per device.
        var queries = _h.Bot.Get<IAlarmQueries>();
        foreach (var id in ids.Take(Threshold)) Assert.False(Bot.Core.Storms.Storm.IsStormRef(Assert.Single(await queries.DeliveriesOfAsync(id)).MessageRef));
        var summary = Assert.Single(_h.Slack.Posts, IsSummary);
        // Four of each device's five folded, three of lamp00's and lamp01's: the busiest ten are named, the rest counted.
        Assert.Contains("By device: lamp02 ×4, lamp03 ×4", summary.Reply.Text, StringComparison.Ordinal);
        Assert.EndsWith("lamp11 ×4, 8 more devices", summary.Reply.Text, StringComparison.Ordinal);
        Assert.All(_h.Slack.Edits.Where(IsSummary), e => Assert.Equal(summary.MessageRef, e.MessageRef));
        // Every alarm is still one of its own in the admin API.
        Assert.Equal(ids.Count, (await _h.AdminGetAsync("/admin/alarms?max=500")).GetArrayLength());

        var summaryId = summary.Reply.Card.Actions!.OfType<ExecuteAction>().First(a => a.Verb == CardVerbs.StormAcknowledge).Data.Id;
        var context = new ChatContext(new ChatUser(SlackPlatform.Name, "U-ZHANG", "张三"), new Channel { Platform = SlackPlatform.Name, ExternalId = "C-LAMPS" }, "en-US", IsAdmin: false);
        var result = await _h.Bot.Get<ChatRequests>().HandleActionAsync(context, CardVerbs.StormAcknowledge, summaryId, default);
        Assert.NotNull(result.UpdatedCard);

        foreach (var id in ids.Skip(Threshold)) Assert.Equal(AlarmState.Acknowledged, (await queries.FindAsync(id))!.State);
        foreach (var id in ids.Take(Threshold)) Assert.Equal(AlarmState.Firing, (await queries.FindAsync(id))!.State);
    }

    [Fact]
    public async Task A_queue_within_the_threshold_gets_a_card_each()
    {
        for (var i = 0; i < Threshold; i++)
            _h.Tencent.AddMessage(TencentCategory.Device, $"alarm {i}", "burst", "22F9Y6II7O", $"light{i % Devices}");
        await _h.PollAsync();
        await _h.Slack.WaitForAsync(s => s.Posts.Count(p => p.ChannelKey == Lamps) >= Threshold);
        Assert.DoesNotContain(_h.Slack.Posts, IsSummary);
    }

    [Fact]
    public async Task A_channel_that_is_behind_starts_no_storm_card_and_counts_those_alarms_in_its_summary()
    {
        // Three devices with ten alarms each: each device's first five want cards of their own (fifteen, within the threshold of
        // twenty); the rest would start three storm cards, but the queue is beyond the threshold, so they join the summary.
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
            ids.Add(_h.Tencent.AddMessage(TencentCategory.Device, $"alarm {i}", "flood", "22F9Y6II7O", $"light{i % 3}").MsgId);
        await _h.PollAsync();
        await _h.WaitForDeliveriesAsync(all => all.Count(d => d.Channel == Lamps && d.State == "Posted") == ids.Count);
        await _h.Slack.WaitForAsync(s => s.Posts.Concat(s.Edits).Any(p => IsSummary(p) && p.Reply.Text.StartsWith("Backlog: 15 alarms from 3 devices", StringComparison.Ordinal)));

        static bool IsStorm(RecordingSurface.Sent sent) => System.Text.RegularExpressions.Regex.IsMatch(sent.Reply.Text, @"^lamp\d\d: \d+ alarms in ");
        Assert.DoesNotContain(_h.Slack.Posts.Concat(_h.Slack.Edits), IsStorm);
        Assert.Equal(15, _h.Slack.Posts.Count(p => p.ChannelKey == Lamps && !IsSummary(p)));
        Assert.Single(_h.Slack.Posts, IsSummary);
        var queries = _h.Bot.Get<IAlarmQueries>();
        // Each device's sixth alarm on is counted in the summary, not in a storm.
        foreach (var id in ids.Skip(15))
            Assert.StartsWith("storm:slack:C-LAMPS||", Assert.Single(await queries.DeliveriesOfAsync(id)).MessageRef, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_channel_stays_behind_for_ClearWithin_after_its_queue_was_cut_and_only_then_starts_storms_again()
    {
        for (var i = 0; i < 30; i++) _h.Tencent.AddMessage(TencentCategory.Device, $"alarm {i}", "flood", "22F9Y6II7O", $"light{i % 3}");
        await _h.PollAsync();
        await ShownAsync(IsSummary, "Backlog: 15 alarms from 3 devices");

        // Fifteen seconds later the queue is short, but the channel is still behind: lamp00's eleventh alarm joins the summary.
        var eleventh = _h.Tencent.AddMessage(TencentCategory.Device, "alarm 30", "flood", "22F9Y6II7O", "light0").MsgId;
        await _h.PollAsync();
        await ShownAsync(IsSummary, "Backlog: 16 alarms from 3 devices");
        Assert.StartsWith("storm:slack:C-LAMPS||", Assert.Single(await _h.Bot.Get<IAlarmQueries>().DeliveriesOfAsync(eleventh)).MessageRef, StringComparison.Ordinal);

        // A whole ClearWithin (two minutes here) later it has caught up: lamp00's next alarm starts its storm (its five own cards and this one).
        await _h.PollAsync(TimeSpan.FromMinutes(2) + AlarmHarness.PollInterval);
        _h.Tencent.AddMessage(TencentCategory.Device, "alarm 31", "flood", "22F9Y6II7O", "light0");
        await _h.PollAsync();
        await ShownAsync(s => s.Reply.Text.StartsWith("lamp00: ", StringComparison.Ordinal), "lamp00: 6 alarms");
    }

    /// <summary>Moves the clock in steps of the edit interval until a card <paramref name="which"/> starting with <paramref name="text"/> is posted or edited.</summary>
    private async Task ShownAsync(Func<RecordingSurface.Sent, bool> which, string text)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!_h.Slack.Posts.Concat(_h.Slack.Edits).Any(s => which(s) && s.Reply.Text.StartsWith(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > until) Assert.Fail($"no card shows '{text}': " + string.Join(" | ", _h.Slack.Posts.Concat(_h.Slack.Edits).Where(which).Select(s => s.Reply.Text)));
            _h.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }

    [Fact]
    public void A_channel_sharing_its_platforms_budget_with_busy_channels_keeps_its_share_of_it()
    {
        var backlog = _h.Bot.Get<Bot.Core.Storms.BacklogFolding>();
        var conversation = new Channel { Platform = Bot.Teams.TeamsPlatform.Name, ExternalId = "19:lamps" };
        // 50 operations a second for the scope: alone, the platform's own pace (twenty a minute here) is the limit.
        _h.Teams.ScopeOperationsPerSecond = 50;
        Assert.Equal(Threshold, backlog.ThresholdFor(conversation, sharing: 1));
        // Two hundred channels with work waiting: fifteen a minute each, known before any post waited for it.
        Assert.Equal(15, backlog.ThresholdFor(conversation, sharing: 200));
        Assert.Equal(3, backlog.ThresholdFor(conversation, sharing: 1000));
        // A platform without a shared budget keeps its pace however many channels are busy.
        Assert.Equal(Threshold, backlog.ThresholdFor(new Channel { Platform = SlackPlatform.Name, ExternalId = "C-LAMPS" }, sharing: 200));
    }

    [Fact]
    public void A_channel_whose_cards_go_out_slower_than_its_platform_allows_keeps_fewer_waiting()
    {
        var backlog = _h.Bot.Get<Bot.Core.Storms.BacklogFolding>();
        var lamps = new Channel { Platform = SlackPlatform.Name, ExternalId = "C-LAMPS" };
        var other = new Channel { Platform = SlackPlatform.Name, ExternalId = "C-OTHER" };
        Assert.Equal(Threshold, backlog.ThresholdFor(lamps));

        // Six seconds a card: ten a minute, whatever the platform would allow.
        for (var i = 0; i < 50; i++) backlog.Observe(lamps.Key, TimeSpan.FromSeconds(6));
        Assert.Equal(10, backlog.ThresholdFor(lamps));
        Assert.Equal(Threshold, backlog.ThresholdFor(other));

        // Faster than the platform's pace never lifts it above that.
        for (var i = 0; i < 50; i++) backlog.Observe(lamps.Key, TimeSpan.FromMilliseconds(10));
        Assert.Equal(Threshold, backlog.ThresholdFor(lamps));
    }
}
