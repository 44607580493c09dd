using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Health;
using Bot.StandIns.Slack;
using Microsoft.Extensions.Time.Testing;
using Bot.Slack;

namespace Bot.Host.Tests.Slack;

/// <summary>The chat surface alarms use: paced per channel, 429 Retry-After honoured, ok:false classified.</summary>
public sealed class SlackPostingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-22T08:00:00Z"));
    private SlackHarness _h = null!;
    private static readonly Channel Ops = new() { Platform = SlackPlatform.Name, ExternalId = "C0OPS", Name = "ops" };
    private static readonly BotReply Card = CardParts.Message("Pump <3> & valve", "Alarm 泵房");

    public async Task InitializeAsync() => _h = await SlackHarness.StartAsync(_time);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private IChatSurface Surface => _h.Bot.Get<ChatSurfaces>().For(SlackPlatform.Name)!;

    /// <summary>Lets fake time pass in small steps until the posting finishes (the surface waits on the fake clock).</summary>
    private async Task<T> RunAsync<T>(Task<T> posting)
    {
        for (var i = 0; i < 2000 && !posting.IsCompleted; i++)
        {
            await Task.Delay(5);
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }
        return await posting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Post_then_update_uses_the_bot_token_and_keeps_channel_and_ts()
    {
        var posted = Assert.IsType<PostOutcome.Posted>(await RunAsync(Surface.PostAsync(Ops, Card, default)));
        var call = Assert.Single(_h.Slack.CallsOf("chat.postMessage"));
        Assert.Equal("Bearer " + _h.Slack.Settings.BotToken, call.Authorization);
        Assert.StartsWith("application/json", call.ContentType);
        Assert.Equal("C0OPS", call.Json.GetProperty("channel").GetString());
        Assert.Contains("&lt;3&gt; &amp;", call.Json.GetProperty("text").GetString());
        Assert.StartsWith("C0OPS|", posted.MessageRef);

        var updated = Assert.IsType<PostOutcome.Posted>(await RunAsync(Surface.UpdateAsync(Ops, posted.MessageRef, CardParts.Message("acknowledged"), default)));
        Assert.Equal(posted.MessageRef, updated.MessageRef);
        var update = Assert.Single(_h.Slack.CallsOf("chat.update"));
        Assert.Equal(posted.MessageRef.Split('|')[1], update.Json.GetProperty("ts").GetString());
    }

    [Fact]
    public async Task Posts_to_one_channel_are_paced_so_slack_never_rate_limits_them()
    {
        var posts = Enumerable.Range(0, 4).Select(i => Surface.PostAsync(Ops, CardParts.Message($"alarm {i}"), default)).ToList();
        foreach (var post in posts) Assert.IsType<PostOutcome.Posted>(await RunAsync(post));

        var calls = _h.Slack.CallsOf("chat.postMessage");
        Assert.Equal(4, calls.Count);
        Assert.All(calls, c => Assert.Equal(200, c.Status));            // the stand-in enforces 1/s per channel with 429
        for (var i = 1; i < calls.Count; i++) Assert.True(calls[i].At - calls[i - 1].At >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_429_waits_retry_after_then_posts()
    {
        _h.Slack.FailNext(new SlackApiFault.RateLimited(3), "chat.postMessage");
        var posted = await RunAsync(Surface.PostAsync(Ops, Card, default));

        Assert.IsType<PostOutcome.Posted>(posted);
        var calls = _h.Slack.CallsOf("chat.postMessage");
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_long_retry_after_is_handed_back_as_transient_with_the_wait()
    {
        _h.Slack.FailNext(new SlackApiFault.RateLimited(120), "chat.postMessage");
        var outcome = Assert.IsType<PostOutcome.Transient>(await RunAsync(Surface.PostAsync(Ops, Card, default)));
        Assert.Equal(TimeSpan.FromSeconds(120), outcome.RetryAfter);
        Assert.Single(_h.Slack.CallsOf("chat.postMessage"));
    }

    [Theory]
    [InlineData("channel_not_found")]
    [InlineData("not_in_channel")]
    [InlineData("is_archived")]
    [InlineData("invalid_auth")]
    [InlineData("msg_too_long")]
    public async Task Permanent_errors_are_reported_with_the_reason_and_not_retried(string error)
    {
        _h.Slack.FailNext(new SlackApiFault.Error(error), "chat.postMessage");
        var outcome = Assert.IsType<PostOutcome.Permanent>(await RunAsync(Surface.PostAsync(Ops, Card, default)));
        Assert.Equal(error, outcome.Reason);
        Assert.Single(_h.Slack.CallsOf("chat.postMessage"));
        var health = Assert.Single(_h.Bot.Get<IntegrationOutcomes>().Snapshot(), s => s.Name == "slack");
        Assert.False(health.Healthy);
        Assert.Contains(error, health.Detail);
    }

    [Fact]
    public async Task Transient_errors_are_retried_with_backoff()
    {
        // Slack answered ok:false: it did not post, so posting again cannot show the card twice.
        _h.Slack.FailNext(new SlackApiFault.Error("internal_error"), "chat.postMessage");
        _h.Slack.FailNext(new SlackApiFault.Error("service_unavailable"), "chat.postMessage");
        Assert.IsType<PostOutcome.Posted>(await RunAsync(Surface.PostAsync(Ops, Card, default)));
        Assert.Equal(3, _h.Slack.CallsOf("chat.postMessage").Count);
    }

    [Theory]
    [InlineData("500")]
    [InlineData("malformed")]
    public async Task A_post_whose_outcome_is_unknown_is_not_sent_again_but_an_edit_is(string fault)
    {
        SlackApiFault Fault() => fault == "500" ? new SlackApiFault.ServerError(500) : new SlackApiFault.Malformed();
        _h.Slack.FailNext(Fault(), "chat.postMessage");
        var outcome = Assert.IsType<PostOutcome.Transient>(await RunAsync(Surface.PostAsync(Ops, Card, default)));
        Assert.True(outcome.MayHaveArrived);
        Assert.Single(_h.Slack.CallsOf("chat.postMessage"));

        // An edit made twice changes nothing visible: it is retried at once.
        var posted = Assert.IsType<PostOutcome.Posted>(await RunAsync(Surface.PostAsync(Ops, Card, default)));
        _h.Slack.FailNext(Fault(), "chat.update");
        Assert.IsType<PostOutcome.Posted>(await RunAsync(Surface.UpdateAsync(Ops, posted.MessageRef, CardParts.Message("acknowledged"), default)));
        Assert.Equal(2, _h.Slack.CallsOf("chat.update").Count);
    }

    [Fact]
    public async Task Transient_errors_that_persist_end_as_transient()
    {
        for (var i = 0; i < 10; i++) _h.Slack.FailNext(new SlackApiFault.Error("service_unavailable"), "chat.postMessage");
        var outcome = Assert.IsType<PostOutcome.Transient>(await RunAsync(Surface.PostAsync(Ops, Card, default)));
        Assert.Equal("service_unavailable", outcome.Reason);
        Assert.Equal(Bot.Slack.SlackChatSurface.MaxAttempts, _h.Slack.CallsOf("chat.postMessage").Count);
    }

    [Fact]
    public async Task Updating_an_unknown_message_is_permanent()
    {
        var outcome = Assert.IsType<PostOutcome.Permanent>(await RunAsync(Surface.UpdateAsync(Ops, "C0OPS|1.000001", Card, default)));
        Assert.Equal("message_not_found", outcome.Reason);
        Assert.IsType<PostOutcome.Permanent>(await RunAsync(Surface.UpdateAsync(Ops, "garbage", Card, default)));
    }
}
