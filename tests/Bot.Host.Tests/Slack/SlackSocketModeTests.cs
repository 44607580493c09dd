using System.Text.Json;
using Bot.StandIns.Slack;
using static Bot.Host.Tests.Slack.SlackHarness;

namespace Bot.Host.Tests.Slack;

/// <summary>The same /call flow over Socket Mode (no public URL), including reconnects.</summary>
public sealed class SlackSocketModeTests : IAsyncLifetime
{
    private SlackHarness _h = null!;

    // Real time here: reconnecting waits on the clock, and the stand-in's socket is real.
    public async Task InitializeAsync() => _h = await StartAsync(socketMode: true, http: false);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<JsonElement> CallFlowAsync()
    {
        var responseUrl = _h.Slack.NewResponseUrl();
        var ack = await _h.Slack.SendCommandOverSocketAsync(Zhang, "/call", "aqm0523", responseUrl, TimeSpan.FromSeconds(3));
        var answer = ack.GetProperty("payload");
        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        Assert.Empty(SlackBlockRules.Problems(answer.GetProperty("blocks")));

        var invitesBefore = _h.Isdp.ReceivedInvites.Count;
        var clickAck = await _h.Slack.ClickOverSocketAsync(Zhang, Button(answer, "call.confirm"), responseUrl, TimeSpan.FromSeconds(3));
        Assert.False(clickAck.TryGetProperty("payload", out _));
        await _h.Isdp.WaitForInvitesAsync(invitesBefore + 1, Wait);
        var outcome = Assert.Single(await _h.Slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body;
        Assert.True(outcome.GetProperty("replace_original").GetBoolean());
        Assert.Contains("sent", Header(outcome), StringComparison.OrdinalIgnoreCase);
        return outcome;
    }

    [Fact]
    public async Task Call_flow_over_socket_mode_and_again_after_a_dropped_socket_and_a_disconnect()
    {
        await _h.Slack.WaitForSocketConnectionsAsync(1, Wait);
        var open = Assert.Single(_h.Slack.CallsOf("apps.connections.open"));
        Assert.Equal("Bearer " + _h.Slack.Settings.AppToken, open.Authorization);

        await CallFlowAsync();
        Assert.Single(_h.Isdp.ReceivedInvites);

        // The socket dies and the first attempt to reconnect fails: the bot backs off and tries again.
        _h.Slack.FailNext(new SlackApiFault.Error("internal_error"), "apps.connections.open");
        _h.Slack.DropSocket();
        await _h.Slack.WaitForSocketConnectionsAsync(2, Wait);
        Assert.Equal(3, _h.Slack.CallsOf("apps.connections.open").Count);
        await CallFlowAsync();

        await _h.Slack.SendDisconnectAsync();
        await _h.Slack.WaitForSocketConnectionsAsync(3, Wait);
        Assert.Equal(4, _h.Slack.CallsOf("apps.connections.open").Count);
        await CallFlowAsync();
        Assert.Equal(3, _h.Isdp.ReceivedInvites.Count);
    }

    [Fact]
    public async Task An_envelope_delivered_twice_makes_one_call_and_one_invite()
    {
        await _h.Slack.WaitForSocketConnectionsAsync(1, Wait);
        var responseUrl = _h.Slack.NewResponseUrl();

        // Slack delivers an envelope again when it thinks the first delivery was lost (same envelope id, retry_attempt 1).
        var ack = await _h.Slack.SendCommandOverSocketAsync(Zhang, "/call", "aqm0523", responseUrl, Wait, deliveries: 2);
        await _h.Slack.WaitForAcksAsync(2, Wait);   // both deliveries answered: the command was handled as often as it will be
        await _h.Bot.WritesSettledAsync();   // the request's audit line is written just behind its answer
        var requested = JsonDocument.Parse(await _h.Bot.Admin.GetStringAsync("/admin/calls/audit?max=1000")).RootElement
            .EnumerateArray().Count(e => e.GetProperty("event").GetString() == "requested");
        Assert.Equal(1, requested);

        await _h.Slack.ClickOverSocketAsync(Zhang, Button(ack.GetProperty("payload"), "call.confirm"), responseUrl, Wait, deliveries: 2);
        await _h.Slack.WaitForAcksAsync(4, Wait);
        await _h.Isdp.WaitForInvitesAsync(1, Wait);
        var outcomes = await _h.Slack.WaitForResponsesAsync(responseUrl, 1, Wait);
        Assert.Contains("sent", Header(outcomes[0].Body), StringComparison.OrdinalIgnoreCase);
        Assert.Single(_h.Isdp.ReceivedInvites);
    }

    [Fact]
    public async Task Only_a_ticket_slack_issued_opens_a_socket_and_an_envelope_redelivered_for_a_late_ack_makes_one_call()
    {
        await _h.Slack.WaitForSocketConnectionsAsync(1, Wait);
        using var made = new System.Net.WebSockets.ClientWebSocket();
        var refused = await Assert.ThrowsAnyAsync<System.Net.WebSockets.WebSocketException>(() =>
            made.ConnectAsync(new Uri(_h.Slack.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/socket?ticket=made-up"), CancellationToken.None));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);

        // Slack waits a short while for an acknowledgement, then delivers again: here the bot's first acknowledgement is lost.
        await using var impatient = await StartAsync(socketMode: true, http: false, slackSettings: new SlackStandInSettings { SocketAckTimeout = TimeSpan.FromMilliseconds(200), LostAcks = 1 });
        await impatient.Slack.WaitForSocketConnectionsAsync(1, Wait);
        await impatient.Slack.SendCommandOverSocketAsync(Zhang, "/call", "aqm0523", impatient.Slack.NewResponseUrl(), Wait);
        Assert.True(impatient.Slack.EnvelopeDeliveries > 1, $"{impatient.Slack.EnvelopeDeliveries} deliveries");
        await impatient.Slack.WaitForAcksAsync(impatient.Slack.EnvelopeDeliveries, Wait);
        var requested = JsonDocument.Parse(await impatient.Bot.Admin.GetStringAsync("/admin/calls/audit?max=1000")).RootElement
            .EnumerateArray().Count(e => e.GetProperty("event").GetString() == "requested");
        Assert.Equal(1, requested);
    }

    [Fact]
    public async Task Http_endpoints_are_off_without_a_signing_secret()
    {
        using var response = await _h.Slack.SendCommandAsync(_h.Bot.BaseAddress, Zhang, "/call", "aqm0523", _h.Slack.NewResponseUrl());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>HTTP endpoints and Socket Mode at once: the same handlers behind both.</summary>
public sealed class SlackBothTransportsTests : IAsyncLifetime
{
    private SlackHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync(socketMode: true, http: true);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_command_over_socket_mode_is_confirmed_by_a_click_over_http()
    {
        await _h.Slack.WaitForSocketConnectionsAsync(1, Wait);
        var responseUrl = _h.Slack.NewResponseUrl();
        var ack = await _h.Slack.SendCommandOverSocketAsync(Zhang, "/call", "aqm0523", responseUrl, TimeSpan.FromSeconds(3));

        await _h.ClickAsync(Zhang, Button(ack.GetProperty("payload"), "call.confirm"), responseUrl);

        Assert.Single(await _h.Isdp.WaitForInvitesAsync(1, Wait));
        Assert.Contains("sent", Header(Assert.Single(await _h.Slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body), StringComparison.OrdinalIgnoreCase);
    }
}
