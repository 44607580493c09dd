using Bot.Slack;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using static Bot.Host.Tests.Slack.SlackHarness;

namespace Bot.Host.Tests.Slack;

/// <summary>A Socket Mode connection that goes silent or never greets is noticed, replaced, and shown in /readyz meanwhile.</summary>
public sealed class SlackSocketModeWatchTests
{
    private static async Task<HealthReportEntry> SlackReadinessAsync(SlackHarness h)
    {
        var report = await h.Bot.Get<HealthCheckService>().CheckHealthAsync();
        return report.Entries[SlackHealth.Name];
    }

    /// <summary>Polls the Slack check (no signal to wait on) until it shows <paramref name="status"/>.</summary>
    private static async Task<HealthReportEntry> WaitForSlackReadinessAsync(SlackHarness h, HealthStatus status)
    {
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            var entry = await SlackReadinessAsync(h);
            if (entry.Status == status) return entry;
            if (DateTime.UtcNow > until) Assert.Fail($"slack readiness stayed {entry.Status}: {entry.Description}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_silent_connection_is_dropped_and_replaced_and_readyz_says_so_meanwhile()
    {
        // Real time: the keep-alive is the runtime's; a short one keeps the test quick.
        await using var h = await StartAsync(socketMode: true, http: false, extra: new Dictionary<string, string?> { ["Slack:SocketKeepAlive"] = "00:00:00.5" });
        await h.Slack.WaitForSocketConnectionsAsync(1, Wait);
        Assert.Equal(HealthStatus.Healthy, (await WaitForSlackReadinessAsync(h, HealthStatus.Healthy)).Status);

        // The network path dies without a close; the first attempts to reconnect are refused, so the gap shows.
        h.Slack.FailNext(new StandIns.Slack.SlackApiFault.Error("internal_error"), "apps.connections.open");
        h.Slack.FailNext(new StandIns.Slack.SlackApiFault.Error("internal_error"), "apps.connections.open");
        await h.Slack.GoSilentAsync(TimeSpan.FromSeconds(3));

        var degraded = await WaitForSlackReadinessAsync(h, HealthStatus.Degraded);
        Assert.Contains("Socket Mode not connected", degraded.Description);
        await h.Slack.WaitForSocketConnectionsAsync(2, Wait);
        await WaitForSlackReadinessAsync(h, HealthStatus.Healthy);

        // The new connection carries commands again.
        var ack = await h.Slack.SendCommandOverSocketAsync(Zhang, "/call", "aqm0523", h.Slack.NewResponseUrl(), TimeSpan.FromSeconds(3));
        Assert.Equal("ephemeral", ack.GetProperty("payload").GetProperty("response_type").GetString());
    }

    [Fact]
    public async Task A_connection_without_hello_is_given_up_after_the_hello_timeout_on_the_bots_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T08:00:00Z"));
        await using var h = await StartAsync(time, socketMode: true, http: false);
        await h.Slack.WaitForSocketConnectionsAsync(1, Wait);

        // The connection is lost, and the next one opens but Slack never greets it.
        h.Slack.WithholdHelloNext();
        h.Slack.DropSocket();
        await AdvanceUntilAsync(time, () => h.Slack.SocketsAccepted >= 2, TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, h.Slack.SocketConnections);
        Assert.Contains("Socket Mode not connected", (await WaitForSlackReadinessAsync(h, HealthStatus.Degraded)).Description);

        // Past the hello deadline (and a backoff) on the bot's clock it gives up on that one and connects anew.
        await AdvanceUntilAsync(time, () => h.Slack.SocketConnections >= 2, TimeSpan.FromSeconds(1));
        Assert.Equal(3, h.Slack.CallsOf("apps.connections.open").Count);
        Assert.True(time.GetUtcNow() - DateTimeOffset.Parse("2026-11-22T08:00:00Z") >= SlackSocketMode.HelloTimeout);
        await WaitForSlackReadinessAsync(h, HealthStatus.Healthy);
    }

    /// <summary>Moves the fake clock in steps, looking at the stand-in between them, until <paramref name="done"/>.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done, TimeSpan step)
    {
        var until = DateTime.UtcNow + Wait;
        while (!done())
        {
            if (DateTime.UtcNow > until) Assert.Fail("the stand-in did not see what was expected");
            time.Advance(step);
            await Task.Delay(20);
        }
    }
}
