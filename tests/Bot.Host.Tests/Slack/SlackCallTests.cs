using System.Text.Json;
using Bot.StandIns;
using Bot.StandIns.Slack;
using Microsoft.Extensions.Time.Testing;
using static Bot.Host.Tests.Slack.SlackHarness;

namespace Bot.Host.Tests.Slack;

/// <summary>/call over HTTP: signed command → ephemeral confirmation → signed click → one invite → card replaced.</summary>
public sealed class SlackCallTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-22T08:00:00Z"));
    private SlackHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync(_time);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Call_command_answers_with_an_ephemeral_confirmation_and_a_click_sends_exactly_one_invite()
    {
        var (answer, responseUrl) = await _h.CommandAsync(Zhang, "/call", "aqm0523");

        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        Assert.Empty(SlackBlockRules.Problems(answer.GetProperty("blocks")));
        Assert.Contains("泵房 (aqm0523)", Header(answer));
        Assert.Contains("泵房 (aqm0523)", answer.GetProperty("text").GetString());
        var call = Button(answer, "call.confirm");
        Assert.Equal("primary", call.GetProperty("style").GetString());
        var callId = call.GetProperty("value").GetString()!;
        Assert.Equal(callId, Button(answer, "call.cancel").GetProperty("value").GetString());
        Assert.Empty(_h.Isdp.ReceivedInvites);

        await _h.ClickAsync(Zhang, call, responseUrl);
        var invite = Assert.Single(await _h.Isdp.WaitForInvitesAsync(1, Wait));
        Assert.Equal(("aqm0523", Jid), (invite.DeviceId, invite.To));

        var outcome = Assert.Single(await _h.Slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body;
        Assert.True(outcome.GetProperty("replace_original").GetBoolean());
        Assert.Contains("泵房 (aqm0523)", Header(outcome));
        Assert.Contains("sent", outcome.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(SlackBlockRules.Problems(outcome.GetProperty("blocks")));

        // A second click on the stale card: still one invite; the card shows the call as it stands.
        await _h.ClickAsync(Zhang, call, responseUrl);
        var responses = await _h.Slack.WaitForResponsesAsync(responseUrl, 3, Wait);
        Assert.Single(_h.Isdp.ReceivedInvites);
        Assert.Contains(responses.Skip(1), r => r.Body.GetProperty("replace_original").GetBoolean() && Header(r.Body).Contains("sent", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_slow_isdp_does_not_delay_the_answers_and_the_outcome_follows_through_the_response_url()
    {
        var held = _h.Isdp.HoldInviteAnswer();   // ISDP takes the invite in and answers only when released
        var (answer, responseUrl) = await _h.CommandAsync(Zhang, "/call", "aqm0523");

        await _h.ClickAsync(Zhang, Button(answer, "call.confirm"), responseUrl);         // acknowledged while ISDP has not answered
        await held.Reached.WaitAsync(Wait);
        Assert.Empty(_h.Slack.ResponsesTo(responseUrl));
        held.Release();

        var outcome = Assert.Single(await _h.Slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body;
        Assert.Contains("sent", Header(outcome), StringComparison.OrdinalIgnoreCase);
        Assert.Single(_h.Isdp.ReceivedInvites);
    }

    [Fact]
    public async Task Isdp_refusal_shows_its_message_with_a_retry_that_sends_once_more()
    {
        _h.Isdp.FailNext(new IsdpFault.Refuse("1001", "device offline <now> & busy"));
        var (answer, responseUrl) = await _h.CommandAsync(Zhang, "/call", "aqm0523");
        await _h.ClickAsync(Zhang, Button(answer, "call.confirm"), responseUrl);

        var failed = Assert.Single(await _h.Slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body;
        Assert.True(failed.GetProperty("replace_original").GetBoolean());
        Assert.Contains("device offline &lt;now&gt; &amp; busy", AllText(failed));
        var retry = Button(failed, "call.retry");
        Assert.Empty(_h.Isdp.ReceivedInvites);

        await _h.ClickAsync(Zhang, retry, responseUrl);
        Assert.Single(await _h.Isdp.WaitForInvitesAsync(1, Wait));
        var sent = (await _h.Slack.WaitForResponsesAsync(responseUrl, 2, Wait))[1].Body;
        Assert.Contains("sent", Header(sent), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cancel_replaces_the_card_and_sends_nothing()
    {
        var (answer, responseUrl) = await _h.CommandAsync(Zhang, "/call", "aqm0523");
        await _h.ClickAsync(Zhang, Button(answer, "call.cancel"), responseUrl);

        var cancelled = Assert.Single(await _h.Slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body;
        Assert.True(cancelled.GetProperty("replace_original").GetBoolean());
        Assert.Contains("cancelled", Header(cancelled), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(SlackHarness.Buttons(cancelled));

        await _h.ClickAsync(Zhang, Button(answer, "call.confirm"), responseUrl);   // too late
        await _h.Slack.WaitForResponsesAsync(responseUrl, 2, Wait);
        Assert.Empty(_h.Isdp.ReceivedInvites);
    }

    [Fact]
    public async Task A_click_after_the_confirm_window_shows_the_call_expired_and_sends_nothing()
    {
        var (answer, responseUrl) = await _h.CommandAsync(Zhang, "/call", "aqm0523");
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        await _h.ClickAsync(Zhang, Button(answer, "call.confirm"), responseUrl);
        // The expiry sweeper may have marked it first (then a "handled already" note follows): the card comes first either way.
        var expired = (await _h.Slack.WaitForResponsesAsync(responseUrl, 1, Wait))[0].Body;
        Assert.True(expired.GetProperty("replace_original").GetBoolean());
        Assert.Contains("expired", Header(expired), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_h.Isdp.ReceivedInvites);
    }

    [Fact]
    public async Task Someone_else_clicking_gets_a_private_note_and_the_card_stays()
    {
        var (answer, responseUrl) = await _h.CommandAsync(Zhang, "/call", "aqm0523");
        await _h.ClickAsync(Li, Button(answer, "call.confirm"), responseUrl);

        var note = Assert.Single(await _h.Slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body;
        Assert.False(note.GetProperty("replace_original").GetBoolean());
        Assert.Equal("ephemeral", note.GetProperty("response_type").GetString());
        Assert.Contains("张三", note.GetProperty("text").GetString());
        Assert.Empty(_h.Isdp.ReceivedInvites);

        // The requester can still confirm.
        await _h.ClickAsync(Zhang, Button(answer, "call.confirm"), responseUrl);
        Assert.Single(await _h.Isdp.WaitForInvitesAsync(1, Wait));
    }

    [Fact]
    public async Task Call_without_a_device_lists_the_channels_devices_and_a_click_starts_a_new_confirmation()
    {
        var (list, responseUrl) = await _h.CommandAsync(Zhang, "/call", "");
        Assert.Empty(SlackBlockRules.Problems(list.GetProperty("blocks")));
        var start = Button(list, "call.start");
        Assert.Equal("aqm0523", start.GetProperty("value").GetString());
        Assert.DoesNotContain("bxk1000", AllText(list));                 // not mapped here

        await _h.ClickAsync(Zhang, start, responseUrl);
        var confirmation = Assert.Single(await _h.Slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body;
        Assert.False(confirmation.GetProperty("replace_original").GetBoolean());   // the list stays; a new card for the clicker
        Assert.NotNull(Button(confirmation, "call.confirm").GetProperty("value").GetString());
        Assert.Empty(_h.Isdp.ReceivedInvites);
    }

    [Fact]
    public async Task The_persons_slack_locale_picks_the_language()
    {
        var (chinese, _) = await _h.CommandAsync(Wang, "/call", "aqm0523");
        Assert.Equal("呼叫 泵房 (aqm0523)?", Header(chinese));
        Assert.Equal("呼叫", Button(chinese, "call.confirm").GetProperty("text").GetProperty("text").GetString());
        var (english, _) = await _h.CommandAsync(Zhang, "/call", "aqm0523");
        Assert.Equal("Call 泵房 (aqm0523)?", Header(english));
        Assert.Equal(2, _h.Slack.CallsOf("users.info").Count);
        await _h.CommandAsync(Zhang, "/devices", "");
        Assert.Equal(2, _h.Slack.CallsOf("users.info").Count);        // cached per person
    }

    [Fact]
    public async Task Unknown_commands_and_bad_arguments_get_helpful_ephemeral_answers()
    {
        var (unknown, _) = await _h.CommandAsync(Zhang, "/call", "nosuchdevice");
        Assert.Equal("ephemeral", unknown.GetProperty("response_type").GetString());
        Assert.Contains("nosuchdevice", AllText(unknown));

        var (notHere, _) = await _h.CommandAsync(Zhang, "/call", "bxk1000");
        Assert.Contains("bxk1000", AllText(notHere));
        Assert.DoesNotContain(SlackHarness.Buttons(notHere), b => b.GetProperty("action_id").GetString()!.StartsWith("call.confirm", StringComparison.Ordinal));

        var (help, _) = await _h.CommandAsync(Zhang, "/devices", "frobnicate x");
        Assert.Contains("devices map", AllText(help));

        var (tooLong, _) = await _h.CommandAsync(Zhang, "/call", new string('x', 5000));
        Assert.Equal("ephemeral", tooLong.GetProperty("response_type").GetString());
        Assert.Empty(SlackBlockRules.Problems(tooLong.GetProperty("blocks")));

        var (other, _) = await _h.CommandAsync(Zhang, "/weather", "today");
        Assert.Equal("ephemeral", other.GetProperty("response_type").GetString());
        Assert.Contains("weather", AllText(other));
    }
}
