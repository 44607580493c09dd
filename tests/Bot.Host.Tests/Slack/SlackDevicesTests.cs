using System.Net.Http.Json;
using System.Text.Json;
using Bot.Core.Storage;
using Bot.StandIns.Slack;
using static Bot.Host.Tests.Slack.SlackHarness;

namespace Bot.Host.Tests.Slack;

/// <summary>/devices, admin-only mapping changes, events, and awkward text (Chinese, long, &amp;&lt;&gt;) in valid blocks.</summary>
public sealed class SlackDevicesTests : IAsyncLifetime
{
    private SlackHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Task<IReadOnlyList<string>> MappedAsync() => _h.Bot.Get<IMappingStore>().DevicesOfAsync("slack:C0OPS", default);

    [Fact]
    public async Task Devices_lists_the_channels_devices_with_call_buttons()
    {
        var (list, _) = await _h.CommandAsync(Zhang, "/devices", "");
        Assert.Equal("ephemeral", list.GetProperty("response_type").GetString());
        Assert.Contains("aqm0523", AllText(list));
        Assert.Equal("aqm0523", Button(list, "call.start").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Map_and_unmap_by_an_admin_change_the_channels_devices()
    {
        var (mapped, _) = await _h.CommandAsync(Boss, "/devices", "map bxk1000");
        Assert.Contains("bxk1000", AllText(mapped));
        Assert.Contains("bxk1000", await MappedAsync());

        var (unmapped, _) = await _h.CommandAsync(Boss, "/devices", "unmap aqm0523");
        Assert.Contains("aqm0523", AllText(unmapped));
        Assert.Equal(new[] { "bxk1000" }, await MappedAsync());
    }

    [Fact]
    public async Task Map_and_unmap_by_anyone_else_are_refused_and_change_nothing()
    {
        var (refused, _) = await _h.CommandAsync(Zhang, "/devices", "map bxk1000");
        Assert.Contains("admin", AllText(refused), StringComparison.OrdinalIgnoreCase);
        var (refused2, _) = await _h.CommandAsync(Li, "/devices", "unmap aqm0523");
        Assert.Contains("admin", AllText(refused2), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new[] { "aqm0523" }, await MappedAsync());
    }

    [Fact]
    public async Task Chinese_long_and_markup_text_in_aliases_and_names_gives_valid_escaped_blocks()
    {
        var alias = ("泵房 <b>&amp; \"一号\" " + string.Concat(Enumerable.Repeat("很长的名字", 30)))[..120];   // the longest alias allowed
        (await _h.Bot.Admin.PutAsJsonAsync("/admin/devices/zz9999", new { isdpDeviceId = "zz9999--1", chatJid = "9999@example.com", alias })).EnsureSuccessStatusCode();
        (await _h.Bot.Admin.PostAsJsonAsync("/admin/mappings", new { channel = "slack:C0OPS", device = "zz9999" })).EnsureSuccessStatusCode();
        var who = new SlackPersonInChannel("U0ODD", "<@U0ADMIN> & <!channel> " + new string('名', 200), "C0OPS", "ops");

        var (confirmation, responseUrl) = await _h.CommandAsync(who, "/call", "zz9999");
        AssertValidAndEscaped(confirmation);
        Assert.Contains("很长的名字", Header(confirmation));
        Assert.Contains("&lt;b&gt;&amp;amp;", AllText(confirmation));
        Assert.Contains("&lt;!channel&gt;", AllText(confirmation));

        var (list, _) = await _h.CommandAsync(who, "/devices", "");
        AssertValidAndEscaped(list);

        await _h.ClickAsync(who, Button(confirmation, "call.confirm"), responseUrl);
        var outcome = Assert.Single(await _h.Slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body;   // the stand-in refuses invalid blocks
        AssertValidAndEscaped(outcome);
    }

    [Fact]
    public async Task Url_verification_is_answered_and_a_retried_mention_is_handled_once()
    {
        var events = new Uri(_h.Bot.BaseAddress, "/slack/events");
        using var verification = await _h.Slack.SendSignedAsync(events, "application/json",
            """{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""");
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            (await verification.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("challenge").GetString());

        var mention = """
            {"token":"x","team_id":"T0STANDIN","api_app_id":"A0STANDIN","type":"event_callback","event_id":"Ev0MENTION1","event_time":1700000000,
             "event":{"type":"app_mention","user":"U0ZHANG","text":"<@U0BOT> call aqm0523","ts":"1700000000.000100","channel":"C0OPS","event_ts":"1700000000.000100"}}
            """;
        using var first = await _h.Slack.SendSignedAsync(events, "application/json", mention);
        using var retry = await _h.Slack.SendSignedAsync(events, "application/json", mention, r => { r.Headers.Add("X-Slack-Retry-Num", "1"); r.Headers.Add("X-Slack-Retry-Reason", "http_timeout"); });
        Assert.True(first.IsSuccessStatusCode && retry.IsSuccessStatusCode);

        var posted = Assert.Single(await _h.Slack.WaitForCallsAsync("chat.postEphemeral", 1, Wait));
        Assert.Equal("U0ZHANG", posted.Json.GetProperty("user").GetString());
        Assert.Contains("aqm0523", posted.Json.GetProperty("text").GetString());
        // Another (signed, first-time) event goes through afterwards, so a second answer to the retry would have arrived by now.
        using var other = await _h.Slack.SendSignedAsync(events, "application/json", mention.Replace("Ev0MENTION1", "Ev0MENTION2", StringComparison.Ordinal));
        // The retry was turned away before the answer to it returned (no work was started for it).
        await _h.Slack.WaitForCallsAsync("chat.postEphemeral", 2, Wait);
        Assert.Equal(2, _h.Slack.CallsOf("chat.postEphemeral").Count);
        await _h.Bot.WritesSettledAsync();   // the requests' audit lines are stored behind their answers
        Assert.Equal(2, (await _h.Bot.Get<ICallStore>().AuditLogAsync(100, default)).Count(a => a.Event == Bot.Core.Calls.CallEvents.Requested));   // one call per event
    }

    private static void AssertValidAndEscaped(JsonElement message)
    {
        Assert.Empty(SlackBlockRules.Problems(message.GetProperty("blocks")));
        Assert.False(string.IsNullOrWhiteSpace(message.GetProperty("text").GetString()));
        foreach (var block in message.GetProperty("blocks").EnumerateArray())
        {
            var raw = block.GetRawText();
            if (block.GetProperty("type").GetString() is "section" or "context")
            {
                // mrkdwn: no raw markup survives from user text.
                var text = AllText(JsonDocument.Parse($"{{\"blocks\":[{raw}]}}").RootElement);
                Assert.DoesNotContain("<b>", text);
                Assert.DoesNotContain("<@U0ADMIN>", text);
                Assert.DoesNotContain("<!channel>", text);
            }
        }
        Assert.DoesNotContain("<!channel>", message.GetProperty("text").GetString());
    }
}
