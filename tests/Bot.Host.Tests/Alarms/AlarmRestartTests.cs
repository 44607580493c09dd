using Bot.TencentIot;
using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Slack;

namespace Bot.Host.Tests.Alarms;

/// <summary>The host stops at the two risky points of delivery and starts again on the same database.</summary>
public sealed class AlarmRestartTests : IAsyncLifetime
{
    private const string LampSlack = "slack:C-LAMP";
    private const string LampTeams = "teams:19:lamp@thread.tacv2";
    private AlarmHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await AlarmHarness.StartAsync();
        await _h.AddTencentDeviceAsync("lamp01", "22F9Y6II7O", "light1", LampSlack, LampTeams);
    }

    public Task DisposeAsync() => _h.DisposeAsync().AsTask();

    private string[] AddAlarms(int count) =>
        Enumerable.Range(0, count).Select(i => _h.Tencent.AddMessage(TencentCategory.Device, $"alarm {i}", "x", "22F9Y6II7O", "light1").MsgId).ToArray();

    [Fact]
    public async Task Stopped_between_storing_and_posting_every_alarm_is_posted_once_after_the_restart()
    {
        _h.Slack.Behaviour = RecordingSurface.Mode.HoldBeforePost;
        var teamsBefore = _h.Teams;
        var ids = AddAlarms(3);
        await _h.PollAsync();
        await _h.Slack.WaitForAsync(s => s.Attempts >= 1);   // stored, and the first Slack post is under way
        Assert.Empty(_h.Slack.Posts);

        await _h.RestartBotAsync();
        await _h.Slack.WaitForAsync(s => s.Posts.Count >= 3);
        await _h.WaitForDeliveriesAsync(all => all.Count == 6 && all.All(d => d.State == "Posted"));
        await _h.PollAsync();   // Tencent still lists them; the cursor and MsgID keep them from coming back

        Assert.Equal(["alarm 0", "alarm 1", "alarm 2"], _h.Slack.Posts.Select(p => AlarmRelayTests.TitleOf(p.Reply)));
        // Teams has a lane of its own: the held Slack channel did not stop it, before the stop or after.
        AssertEachOnceInOrder(teamsBefore.Posts.Concat(_h.Teams.Posts), repeatsAllowed: 1);
        Assert.Equal(ids.Length, (await _h.AdminGetAsync("/admin/alarms")).GetArrayLength());
    }

    /// <summary>
    /// Every alarm is there, in order; a repeat is allowed only from the window the README names (a card accepted
    /// just before the stop, its reference not yet stored): at most one per channel per stop.
    /// </summary>
    private static void AssertEachOnceInOrder(IEnumerable<RecordingSurface.Sent> posts, int repeatsAllowed)
    {
        var titles = posts.Select(p => AlarmRelayTests.TitleOf(p.Reply)).ToList();
        Assert.Equal(["alarm 0", "alarm 1", "alarm 2"], titles.Distinct());
        Assert.InRange(titles.Count - 3, 0, repeatsAllowed);
    }

    [Fact]
    public async Task Stopped_between_posting_and_storing_the_reference_nothing_is_lost_and_only_that_card_repeats()
    {
        var crashed = new RecordingSurface(SlackPlatform.Name) { Behaviour = RecordingSurface.Mode.HoldAfterPost };
        await _h.RestartBotAsync(slack: crashed);
        var teamsBefore = _h.Teams;
        AddAlarms(3);
        await _h.PollAsync();
        await crashed.WaitForAsync(s => s.Posts.Count >= 1);   // posted in Slack; the reference is not stored yet

        await _h.RestartBotAsync();
        await _h.Slack.WaitForAsync(s => s.Posts.Count >= 3);
        await _h.WaitForDeliveriesAsync(all => all.Count == 6 && all.All(d => d.State == "Posted"));

        // Before the stop: exactly the one Slack card in flight. After: all three, so that one appears twice (README: delivery guarantees).
        Assert.Equal(["alarm 0"], crashed.Posts.Select(p => AlarmRelayTests.TitleOf(p.Reply)));
        Assert.Equal(["alarm 0", "alarm 1", "alarm 2"], _h.Slack.Posts.Select(p => AlarmRelayTests.TitleOf(p.Reply)));
        AssertEachOnceInOrder(teamsBefore.Posts.Concat(_h.Teams.Posts), repeatsAllowed: 1);
    }
}
