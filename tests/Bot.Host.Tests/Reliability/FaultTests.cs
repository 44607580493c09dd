using Bot.TencentIot;
using System.Net;
using System.Text.Json;
using Bot.Core.Alarms;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.StandIns;
using Bot.StandIns.Slack;
using Bot.StandIns.Tencent;
using static Bot.Host.Tests.Slack.SlackHarness;
using Bot.Slack;

namespace Bot.Host.Tests.Reliability;

/// <summary>
/// Every integration under every kind of fault: the bot keeps answering (<c>/healthz</c>, signed commands),
/// <c>/readyz</c> names the failing integration while the fault lasts, and all is well again once it ends.
/// </summary>
[Trait("Category", "Slow")]
public sealed class FaultTests : IAsyncLifetime
{
    private FaultHarness _h = null!;

    public async Task InitializeAsync() => _h = await FaultHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public static TheoryData<string> IsdpFaults => ["429", "503", "slow", "malformed", "refused", "token refused"];

    [Theory]
    [MemberData(nameof(IsdpFaults))]
    public async Task Isdp_faults_fail_the_call_politely_show_in_readyz_and_a_retry_works_once_it_ends(string fault)
    {
        Action end = () => _h.Isdp.FailAlways(null);
        switch (fault)
        {
            case "429": _h.Isdp.FailAlways(new IsdpFault.ServerError(429)); break;
            case "503": _h.Isdp.FailAlways(new IsdpFault.ServerError(503)); break;
            case "slow": _h.Isdp.FailAlways(new IsdpFault.Slow(TimeSpan.FromSeconds(3))); break;   // longer than Isdp:Timeout
            case "malformed": _h.Isdp.FailAlways(new IsdpFault.MalformedBody()); break;
            case "refused": _h.IsdpRelay.Cut(); end = _h.IsdpRelay.Restore; break;
            case "token refused":
                _h.Isdp.ExpireTokens();
                _h.Isdp.FailNextToken(new IsdpFault.ServerError(401));   // the renewal after ISDP's 401 fails once
                end = () => { };
                break;
        }

        var answer = await _h.AssertServingAsync();
        var responseUrl = _h.Slack.NewResponseUrl();
        using (var click = await _h.Slack.ClickAsync(_h.Bot.BaseAddress, FaultHarness.Zhang, Button(answer, CardVerbs.CallConfirm), responseUrl))
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var failed = Assert.Single(await _h.Slack.WaitForResponsesAsync(responseUrl, 1, FaultHarness.Wait)).Body;
        var retry = Button(failed, CardVerbs.CallRetry);   // the person is told it failed and may try again

        var during = await _h.WaitReadyAsync("isdp", healthy: false);
        Assert.Equal((HttpStatusCode.OK, "degraded"), (during.Code, during.Status));
        await _h.AssertOnlyFailingAsync("isdp");
        await _h.AssertServingAsync();

        end();
        var invitesBefore = _h.Isdp.ReceivedInvites.Count;   // a slow ISDP may have taken the invite after the bot gave up
        using (var click = await _h.Slack.ClickAsync(_h.Bot.BaseAddress, FaultHarness.Zhang, retry, responseUrl))
            Assert.Equal(HttpStatusCode.OK, click.StatusCode);
        var sent = (await _h.Slack.WaitForResponsesAsync(responseUrl, 2, FaultHarness.Wait))[1].Body;
        Assert.Contains("sent", Header(sent), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(invitesBefore + 1, _h.Isdp.ReceivedInvites.Count);
        await _h.AssertRecoveredAsync("isdp");
    }

    public static TheoryData<string> TencentFaults => ["429", "502", "slow", "malformed", "internal error", "refused", "sign-in refused"];

    [Theory]
    [MemberData(nameof(TencentFaults))]
    public async Task Tencent_faults_never_stop_polling_show_in_readyz_and_lose_no_alarm(string fault)
    {
        Action end = () => _h.Tencent.FailAlways(null);
        switch (fault)
        {
            case "429": _h.Tencent.FailAlways(new TencentFault.ServerError(429)); break;
            case "502": _h.Tencent.FailAlways(new TencentFault.ServerError(502)); break;
            case "slow": _h.Tencent.FailAlways(new TencentFault.Slow(TimeSpan.FromSeconds(3))); break;   // longer than Tencent:RequestTimeout
            case "malformed": _h.Tencent.FailAlways(new TencentFault.Malformed()); break;
            case "internal error": _h.Tencent.FailAlways(new TencentFault.InternalError()); break;
            case "refused": _h.TencentRelay.Cut(); end = _h.TencentRelay.Restore; break;
            case "sign-in refused":
                // The token runs out and signing in again fails for a while.
                _h.Tencent.ExpireTokens();
                _h.Tencent.FailNextSignIn(new TencentFault.ServerError(503), new TencentFault.ServerError(503));
                end = () => { };
                break;
        }
        var message = _h.Tencent.AddMessage(TencentCategory.Device, "Door open during a fault", "x", "22F9Y6II7O", "light1");

        var during = await _h.WaitReadyAsync("tencent", healthy: false);
        Assert.Equal((HttpStatusCode.OK, "degraded"), (during.Code, during.Status));
        await _h.AssertOnlyFailingAsync("tencent");
        await _h.AssertServingAsync();

        end();
        await _h.WaitReadyAsync("tencent", healthy: true);
        var posted = await _h.Slack.WaitForCallsAsync("chat.postMessage", 1, FaultHarness.Wait);
        Assert.Contains(message.Title, Assert.Single(posted).Body);
        await _h.AssertRecoveredAsync("tencent");
    }

    public static TheoryData<string> SlackFaults => ["429 storm", "503", "malformed", "refused", "token expired"];

    [Theory]
    [MemberData(nameof(SlackFaults))]
    public async Task Slack_web_api_faults_are_transient_or_permanent_show_in_readyz_and_posting_recovers(string fault)
    {
        Action end = () => { };
        switch (fault)
        {
            case "429 storm":
                // First a wait longer than the surface holds a task for (handed back to the outbox), then short ones it rides out.
                _h.Slack.FailNext(new SlackApiFault.RateLimited(60), "chat.postMessage");
                end = () => { for (var i = 0; i < 3; i++) _h.Slack.FailNext(new SlackApiFault.RateLimited(1), "chat.postMessage"); };
                break;
            // A 503 is Slack declining the request: the surface retries it itself, so the fault outlasts its attempts.
            case "503": for (var i = 0; i < Bot.Slack.SlackChatSurface.MaxAttempts; i++) _h.Slack.FailNext(new SlackApiFault.ServerError(503), "chat.postMessage"); break;
            case "malformed": _h.Slack.FailNext(new SlackApiFault.Malformed(), "chat.postMessage"); break;
            case "refused": _h.SlackRelay.Cut(); end = _h.SlackRelay.Restore; break;
            case "token expired": _h.Slack.FailNext(new SlackApiFault.Error("token_expired"), "chat.postMessage"); break;
        }
        var surface = _h.Bot.Get<ChatSurfaces>().For(SlackPlatform.Name)!;
        var alarms = new Channel { Platform = SlackPlatform.Name, ExternalId = FaultHarness.AlarmChannel, Name = "alarms" };
        // A channel Slack has not told to wait (a 429's Retry-After holds only the channel it names).
        var other = new Channel { Platform = SlackPlatform.Name, ExternalId = "C0OTHER", Name = "other" };

        var outcome = await surface.PostAsync(alarms, CardParts.Message("during the fault"), CancellationToken.None);
        Assert.IsNotType<PostOutcome.Posted>(outcome);
        var during = await _h.ReadyAsync();
        Assert.Equal((HttpStatusCode.OK, "degraded", false), (during.Code, during.Status, during.Healthy["slack"]));
        await _h.AssertOnlyFailingAsync("slack");
        await _h.AssertServingAsync();   // users.info may fail too, yet the command is answered in time

        end();
        Assert.IsType<PostOutcome.Posted>(await surface.PostAsync(other, CardParts.Message("after the fault"), CancellationToken.None));
        await _h.AssertRecoveredAsync("slack");
    }
}
