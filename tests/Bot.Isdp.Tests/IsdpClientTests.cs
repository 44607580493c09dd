using System.Net.Http.Json;
using System.Text;
using Bot.Core.Calls;
using Bot.StandIns;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Isdp.Tests;

/// <summary>The client wired by AddIsdp, against the ISDP stand-in on a real loopback port.</summary>
public sealed class IsdpClientTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Invite_without_caller_uses_the_plat_user_and_is_sent()
    {
        await using var isdp = await IsdpHarness.StartAsync();

        var outcome = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        Assert.IsType<InviteOutcome.Sent>(outcome);
        var invite = Assert.Single(isdp.StandIn.ReceivedInvites);
        var platUser = isdp.StandIn.Settings.PlatUser!;
        Assert.Equal((platUser.UserId, platUser.UserName, platUser.UserNo, platUser.TenantId),
            (invite.UserId, invite.UserName, invite.UserNo, invite.TenantId));
        Assert.Equal(("aqm0523", "aqm0523--1", "759646@saasgroupchat.example.test", IsdpHarness.Namespace),
            (invite.DeviceId, invite.IsdpDeviceId, invite.To, invite.PropertiesNamespace));
        Assert.Matches("^[0-9]{13}$", invite.Id);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\" ?><message ", invite.RawStanza, StringComparison.Ordinal);
        Assert.True(isdp.Health.Snapshot().Single(s => s.Name == "isdp").Healthy);
    }

    [Fact]
    public async Task An_explicit_caller_overrides_the_plat_user()
    {
        await using var isdp = await IsdpHarness.StartAsync();
        var caller = new IsdpCaller(864711, "张三 <安监> & \"值班\"", "Zhang123456", 887);

        var outcome = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(caller: caller), CancellationToken.None);

        Assert.IsType<InviteOutcome.Sent>(outcome);
        var invite = Assert.Single(isdp.StandIn.ReceivedInvites);
        Assert.Equal(caller, new IsdpCaller(invite.UserId, invite.UserName, invite.UserNo, invite.TenantId));
    }

    [Fact]
    public async Task Each_call_gets_its_own_stanza_id()
    {
        await using var isdp = await IsdpHarness.StartAsync();

        await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);
        await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        var ids = isdp.StandIn.ReceivedInvites.Select(i => i.Id).ToList();
        Assert.Equal(2, ids.Distinct().Count());
    }

    [Fact]
    public async Task The_token_is_reused_while_well_inside_its_lifetime()
    {
        var time = new FakeTimeProvider();
        await using var isdp = await IsdpHarness.StartAsync(clientTime: time);

        await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1000)); // 199 s of 1199 left: more than the 10 % margin
        await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        Assert.Equal(1, isdp.StandIn.TokensIssued);
        var tokens = isdp.StandIn.ReceivedInvites.Select(i => i.AccessToken).ToList();
        Assert.Equal(2, tokens.Count);
        Assert.Single(tokens.Distinct());
    }

    [Fact]
    public async Task The_token_is_renewed_before_it_runs_out()
    {
        var time = new FakeTimeProvider();
        await using var isdp = await IsdpHarness.StartAsync(clientTime: time);

        await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1100)); // 99 s left: inside the 119.9 s margin
        var outcome = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        Assert.IsType<InviteOutcome.Sent>(outcome);
        Assert.Equal(2, isdp.StandIn.TokensIssued);
        Assert.Equal(2, isdp.StandIn.DeviceCalls); // renewed ahead, not after a 401
        var tokens = isdp.StandIn.ReceivedInvites.Select(i => i.AccessToken).ToList();
        Assert.NotEqual(tokens[0], tokens[1]);
    }

    [Fact]
    public async Task A_short_lived_token_is_still_reused_for_half_its_life()
    {
        var time = new FakeTimeProvider();
        await using var isdp = await IsdpHarness.StartAsync(clientTime: time,
            standInSettings: new IsdpStandInSettings { TokenLifetime = TimeSpan.FromSeconds(40), PropertiesNamespace = IsdpHarness.Namespace });

        await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(19));
        await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);
        Assert.Equal(1, isdp.StandIn.TokensIssued);

        time.Advance(TimeSpan.FromSeconds(2)); // 19 s of 40 left: renew
        await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);
        Assert.Equal(2, isdp.StandIn.TokensIssued);
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_request()
    {
        await using var isdp = await IsdpHarness.StartAsync();
        var sender = isdp.Sender;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => sender.SendInviteAsync(IsdpHarness.Invite($"dev{i}"), CancellationToken.None))));

        Assert.All(outcomes, o => Assert.IsType<InviteOutcome.Sent>(o));
        Assert.Equal(1, isdp.StandIn.TokensIssued);
        Assert.Equal(20, (await isdp.StandIn.WaitForInvitesAsync(20, Wait)).Select(i => i.DeviceId).Distinct().Count());
    }

    [Fact]
    public async Task A_token_the_server_expired_is_renewed_once_and_the_invite_sent_once()
    {
        await using var isdp = await IsdpHarness.StartAsync();
        await isdp.Sender.SendInviteAsync(IsdpHarness.Invite("first"), CancellationToken.None);

        isdp.StandIn.ExpireTokens();
        var outcome = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite("second"), CancellationToken.None);

        Assert.IsType<InviteOutcome.Sent>(outcome);
        Assert.Equal(2, isdp.StandIn.TokensIssued);
        Assert.Equal(3, isdp.StandIn.DeviceCalls); // first, second with the dead token, second again
        Assert.Equal(["first", "second"], isdp.StandIn.ReceivedInvites.Select(i => i.DeviceId));
    }

    [Fact]
    public async Task A_revoked_token_answered_with_401_is_renewed_and_the_invite_retried()
    {
        await using var isdp = await IsdpHarness.StartAsync();
        isdp.StandIn.FailNext(new IsdpFault.TokenRevoked());

        var outcome = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        Assert.IsType<InviteOutcome.Sent>(outcome);
        Assert.Equal(2, isdp.StandIn.TokensIssued);
        Assert.Single(isdp.StandIn.ReceivedInvites);
    }

    [Fact]
    public async Task A_second_401_after_renewal_is_Unauthorized_and_not_retried_again()
    {
        await using var isdp = await IsdpHarness.StartAsync();
        isdp.StandIn.FailAlways(new IsdpFault.TokenRevoked());

        var outcome = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        var failed = Assert.IsType<InviteOutcome.TransportFailed>(outcome);
        Assert.Equal(TransportFailure.Unauthorized, failed.Kind);
        Assert.Equal(2, isdp.StandIn.DeviceCalls);
        Assert.Equal(2, isdp.StandIn.TokensIssued);
        Assert.Empty(isdp.StandIn.ReceivedInvites);
        Assert.False(isdp.Health.Snapshot().Single(s => s.Name == "isdp").Healthy);
    }

    [Fact]
    public async Task A_server_error_is_TransportFailed_with_the_status_and_not_re_sent()
    {
        await using var isdp = await IsdpHarness.StartAsync();
        isdp.StandIn.FailNext(new IsdpFault.ServerError(503));

        var outcome = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        Assert.Equal(new InviteOutcome.TransportFailed(TransportFailure.HttpStatus, 503, "ISDP answered HTTP 503"), outcome);
        Assert.Equal(1, isdp.StandIn.DeviceCalls);
        var status = isdp.Health.Snapshot().Single(s => s.Name == "isdp");
        Assert.False(status.Healthy);
        Assert.Contains("503", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_answer_past_the_configured_timeout_is_Timeout_and_not_re_sent()
    {
        // The client's clock is fake: the timeout fires when the test moves it, however slow the machine is.
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T08:00:00Z"));
        await using var isdp = await IsdpHarness.StartAsync(clientTime: time, timeout: TimeSpan.FromSeconds(30));
        await isdp.Sender.SendInviteAsync(IsdpHarness.Invite("warm-up"), CancellationToken.None); // token first
        isdp.StandIn.FailNext(new IsdpFault.Slow(TimeSpan.FromMinutes(10)));                      // held until disposed

        var sending = isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);
        await UntilAsync(() => isdp.StandIn.DeviceCalls == 2, "the slow device call never reached ISDP");
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(sending.IsCompleted, "gave up before the configured timeout");
        time.Advance(TimeSpan.FromSeconds(1));
        var outcome = await sending.WaitAsync(Wait);

        var failed = Assert.IsType<InviteOutcome.TransportFailed>(outcome);
        Assert.Equal(TransportFailure.Timeout, failed.Kind);
        Assert.Equal(2, isdp.StandIn.DeviceCalls);
    }

    [Fact]
    public async Task The_callers_own_cancellation_throws_and_is_not_reported_as_a_fault()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T08:00:00Z")); // the client's timeout never fires
        await using var isdp = await IsdpHarness.StartAsync(clientTime: time, timeout: TimeSpan.FromSeconds(5));
        await isdp.Sender.SendInviteAsync(IsdpHarness.Invite("warm-up"), CancellationToken.None);
        isdp.StandIn.FailNext(new IsdpFault.Slow(TimeSpan.FromMinutes(10)));
        using var cancel = new CancellationTokenSource();

        var sending = isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), cancel.Token);
        await UntilAsync(() => isdp.StandIn.DeviceCalls == 2, "the slow device call never reached ISDP");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(Wait));
        Assert.True(isdp.Health.Snapshot().Single(s => s.Name == "isdp").Healthy);
    }

    [Fact]
    public async Task A_body_that_is_not_the_documented_json_is_MalformedResponse()
    {
        await using var isdp = await IsdpHarness.StartAsync();
        isdp.StandIn.FailNext(new IsdpFault.MalformedBody());
        isdp.StandIn.FailNext(new IsdpFault.MalformedBody("{\"result\":null}"));

        var html = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);
        var noStateCode = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        Assert.Equal(TransportFailure.MalformedResponse, Assert.IsType<InviteOutcome.TransportFailed>(html).Kind);
        Assert.Equal(TransportFailure.MalformedResponse, Assert.IsType<InviteOutcome.TransportFailed>(noStateCode).Kind);
    }

    [Fact]
    public async Task Another_stateCode_is_Refused_with_isdps_message()
    {
        await using var isdp = await IsdpHarness.StartAsync();
        isdp.StandIn.FailNext(new IsdpFault.Refuse("E1001", "设备不在线"));

        var outcome = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        Assert.Equal(new InviteOutcome.Refused("E1001", "设备不在线"), outcome);
        Assert.Empty(isdp.StandIn.ReceivedInvites);
        Assert.True(isdp.Health.Snapshot().Single(s => s.Name == "isdp").Healthy); // ISDP itself answered
    }

    [Fact]
    public async Task A_transient_token_failure_is_retried_but_the_invite_is_posted_once()
    {
        await using var isdp = await IsdpHarness.StartAsync();
        isdp.StandIn.FailNextToken(new IsdpFault.ServerError(502));

        var outcome = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        Assert.IsType<InviteOutcome.Sent>(outcome);
        Assert.Equal(2, isdp.StandIn.TokenRequests);
        Assert.Equal(1, isdp.StandIn.DeviceCalls);
    }

    [Fact]
    public async Task Token_failures_map_to_the_same_kinds_as_device_call_failures()
    {
        await using var isdp = await IsdpHarness.StartAsync();
        for (var i = 0; i < 3; i++) isdp.StandIn.FailNextToken(new IsdpFault.ServerError(500)); // outlasts the retries
        isdp.StandIn.FailNextToken(new IsdpFault.MalformedBody("{\"token_type\":\"bearer\"}"));

        var serverError = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);
        var malformed = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        Assert.Equal((TransportFailure.HttpStatus, (int?)500), Kind(serverError));
        Assert.Equal(TransportFailure.MalformedResponse, Kind(malformed).Kind);
        Assert.Equal(4, isdp.StandIn.TokenRequests);
        Assert.Equal(0, isdp.StandIn.DeviceCalls);
    }

    [Fact]
    public async Task A_slow_token_endpoint_is_Timeout_within_the_configured_budget()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T08:00:00Z"));
        await using var isdp = await IsdpHarness.StartAsync(clientTime: time, timeout: TimeSpan.FromSeconds(30));
        isdp.StandIn.FailNextToken(new IsdpFault.Slow(TimeSpan.FromMinutes(10)));                 // held until disposed

        var sending = isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);
        await UntilAsync(() => isdp.StandIn.TokenRequests == 1, "the token request never reached ISDP");
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(sending.IsCompleted, "gave up before the configured timeout");
        time.Advance(TimeSpan.FromSeconds(1));
        var slow = await sending.WaitAsync(Wait);

        Assert.Equal(TransportFailure.Timeout, Kind(slow).Kind);
        Assert.Equal(0, isdp.StandIn.DeviceCalls);
    }

    /// <summary>Polls state the stand-in records (real time, generous: only a broken client runs into it).</summary>
    private static async Task UntilAsync(Func<bool> condition, string failure)
    {
        var until = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(10);
        }
    }

    private static (TransportFailure Kind, int? Status) Kind(InviteOutcome outcome)
    {
        var failed = Assert.IsType<InviteOutcome.TransportFailed>(outcome);
        return (failed.Kind, failed.HttpStatus);
    }

    [Fact]
    public async Task Without_plat_user_an_invite_needs_its_own_caller()
    {
        await using var isdp = await IsdpHarness.StartAsync(
            standInSettings: new IsdpStandInSettings { PlatUser = null, PropertiesNamespace = IsdpHarness.Namespace });

        var anonymous = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);
        var named = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(caller: new IsdpCaller(1, "a", "b", 2)), CancellationToken.None);

        Assert.Equal(TransportFailure.MalformedResponse, Assert.IsType<InviteOutcome.TransportFailed>(anonymous).Kind);
        Assert.IsType<InviteOutcome.Sent>(named);
        Assert.Equal(1, isdp.StandIn.TokensIssued);
    }

    [Fact]
    public async Task Wrong_credentials_are_Unauthorized_and_no_invite_is_posted()
    {
        await using var isdp = await IsdpHarness.StartAsync(configure: s => s["Isdp:Password"] = "not-the-password");

        var outcome = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        var failed = Assert.IsType<InviteOutcome.TransportFailed>(outcome);
        Assert.Equal(TransportFailure.Unauthorized, failed.Kind);
        Assert.Contains("invalid_grant", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(0, isdp.StandIn.DeviceCalls);
    }

    [Fact]
    public async Task A_site_nobody_listens_on_is_Unreachable()
    {
        string deadUrl;
        await using (var gone = await IsdpStandIn.StartAsync())
            deadUrl = gone.BaseUrl;
        await using var isdp = await IsdpHarness.StartAsync(configure: s => s["Isdp:BaseUrl"] = deadUrl);

        var outcome = await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        Assert.Equal(TransportFailure.Unreachable, Assert.IsType<InviteOutcome.TransportFailed>(outcome).Kind);
        Assert.False(isdp.Health.Snapshot().Single(s => s.Name == "isdp").Healthy);
    }

    [Fact]
    public async Task A_chat_address_xml_cannot_carry_is_not_sent_and_does_not_throw()
    {
        await using var isdp = await IsdpHarness.StartAsync();

        var outcome = await isdp.Sender.SendInviteAsync(
            new Invite("aqm0523", "aqm0523--1", "dev\u0001@chat.example.test", null), CancellationToken.None);

        var failed = Assert.IsType<InviteOutcome.TransportFailed>(outcome);
        Assert.Contains("chatJid", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(0, isdp.StandIn.TokenRequests);
        Assert.Equal(0, isdp.StandIn.DeviceCalls);
        Assert.DoesNotContain(isdp.Health.Snapshot(), s => s.Name == "isdp" && !s.Healthy);
    }

    [Fact]
    public async Task Logs_never_carry_a_token_or_a_password()
    {
        await using var isdp = await IsdpHarness.StartAsync();
        await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);
        isdp.StandIn.FailNext(new IsdpFault.TokenRevoked());
        await isdp.Sender.SendInviteAsync(IsdpHarness.Invite(), CancellationToken.None);

        var logs = isdp.Logs.Messages.Where(m => m.StartsWith("Bot.Isdp", StringComparison.Ordinal)).ToList();
        Assert.Contains(logs, m => m.Contains("sent", StringComparison.Ordinal));
        Assert.Contains(logs, m => m.Contains("401", StringComparison.Ordinal));
        var secrets = isdp.StandIn.ReceivedInvites.Select(i => i.AccessToken).Append(isdp.StandIn.Settings.Password);
        Assert.All(secrets, secret => Assert.DoesNotContain(isdp.Logs.Messages, m => m.Contains(secret, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_stand_in_refuses_a_stanza_that_is_not_a_remote_invite()
    {
        await using var standIn = await IsdpStandIn.StartAsync(new IsdpStandInSettings { PropertiesNamespace = "urn:x" });
        using var http = new HttpClient();
        var s = standIn.Settings;
        var token = await (await http.PostAsJsonAsync(standIn.BaseUrl + IsdpStandIn.TokenPath, new
        {
            client_id = s.ClientId, client_secret = s.ClientSecret, grant_type = "password", username = s.Username, password = s.Password,
        })).Content.ReadFromJsonAsync<Dictionary<string, object>>();
        http.DefaultRequestHeaders.Authorization = new("bearer", token!["access_token"].ToString());

        var noAttrs = await http.PostAsJsonAsync(standIn.BaseUrl + IsdpStandIn.DeviceCallPath, new
        {
            message = "<message to=\"a@b\" id=\"1\" type=\"chat\"><subject>qc-intellect-equip-remote-invite</subject><body/>"
                      + "<properties xmlns=\"urn:x\"><directives_type>qc-intellect-equip-remote-invite</directives_type></properties></message>",
        });
        var notXml = await http.PostAsJsonAsync(standIn.BaseUrl + IsdpStandIn.DeviceCallPath, new { message = "<message to=\"a@b\"" });
        var plainText = await http.PostAsync(standIn.BaseUrl + IsdpStandIn.DeviceCallPath,
            new StringContent("{\"message\":\"\"}", Encoding.UTF8, "text/plain"));

        Assert.Contains("directives_attrs is missing", await noAttrs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("not well-formed", await notXml.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"stateCode\":\"0\"", await noAttrs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(415, (int)plainText.StatusCode);
        Assert.Empty(standIn.ReceivedInvites);
    }

    [Fact]
    public async Task The_stand_in_answers_401_with_isdps_body_without_a_valid_token()
    {
        await using var standIn = await IsdpStandIn.StartAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("bearer", "made-up");

        var response = await http.PostAsJsonAsync(standIn.BaseUrl + IsdpStandIn.DeviceCallPath, new { message = "" });

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("{\"error\":\"invalid_token\",\"error_description\":\"check_token error\"}", await response.Content.ReadAsStringAsync());
    }
}
