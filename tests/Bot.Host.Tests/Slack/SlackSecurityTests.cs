using System.Net;
using System.Text;
using Bot.Core.Storage;
using Bot.StandIns.Slack;
using static Bot.Host.Tests.Slack.SlackHarness;

namespace Bot.Host.Tests.Slack;

/// <summary>Nothing unsigned, mis-signed, stale or altered gets past the endpoints; nothing changes when it is refused.</summary>
public sealed class SlackSecurityTests : IAsyncLifetime
{
    private SlackHarness _h = null!;

    public async Task InitializeAsync() => _h = await StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private Uri Commands => new(_h.Bot.BaseAddress, "/slack/commands");

    public static TheoryData<string> Tamperings => ["forged", "missing", "missing-timestamp", "stale", "future", "altered-body", "malformed"];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_bad_signature_is_refused_with_401_and_changes_nothing(string tampering)
    {
        var mapBefore = await MappingsAsync();
        var form = _h.Slack.CommandForm(Boss, "/devices", "map bxk1000", _h.Slack.NewResponseUrl());

        using var response = await _h.Slack.SendSignedAsync(Commands, "application/x-www-form-urlencoded", form, request => Tamper(request, tampering, form));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(mapBefore, await MappingsAsync());
    }

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_bad_signature_on_a_click_sends_no_invite(string tampering)
    {
        var (answer, responseUrl) = await _h.CommandAsync(Zhang, "/call", "aqm0523");
        var payload = SlackStandIn.Form(new Dictionary<string, string> { ["payload"] = _h.Slack.BlockActionPayload(Zhang, Button(answer, "call.confirm"), responseUrl).ToJsonString() });

        using var response = await _h.Slack.SendSignedAsync(new Uri(_h.Bot.BaseAddress, "/slack/interactions"), "application/x-www-form-urlencoded", payload,
            request => Tamper(request, tampering, payload));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // A correctly signed request afterwards is handled, so the refused one would have been seen by now.
        var (_, url2) = await _h.CommandAsync(Zhang, "/call", "aqm0523");
        await _h.ClickAsync(Zhang, Button(answer, "call.cancel"), url2);
        await _h.Slack.WaitForResponsesAsync(url2, 1, Wait);
        Assert.Empty(_h.Isdp.ReceivedInvites);
        Assert.Empty(_h.Slack.ResponsesTo(responseUrl));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_anything_else()
    {
        var form = _h.Slack.CommandForm(Boss, "/devices", "map bxk1000 " + new string('x', 300 * 1024), _h.Slack.NewResponseUrl());
        using var response = await _h.Slack.SendSignedAsync(Commands, "application/x-www-form-urlencoded", form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Signed_but_malformed_requests_get_400_not_500()
    {
        using var noFields = await _h.Slack.SendSignedAsync(Commands, "application/x-www-form-urlencoded", "text=hello");
        Assert.Equal(HttpStatusCode.BadRequest, noFields.StatusCode);
        using var badPayload = await _h.Slack.SendSignedAsync(new Uri(_h.Bot.BaseAddress, "/slack/interactions"), "application/x-www-form-urlencoded", "payload=%7Bnot-json");
        Assert.Equal(HttpStatusCode.BadRequest, badPayload.StatusCode);
        using var odd = await _h.Slack.SendSignedAsync(new Uri(_h.Bot.BaseAddress, "/slack/interactions"), "application/x-www-form-urlencoded",
            "payload=" + Uri.EscapeDataString("{\"type\":\"block_actions\",\"user\":5,\"actions\":\"x\"}"));
        Assert.Equal(HttpStatusCode.OK, odd.StatusCode);
        using var events = await _h.Slack.SendSignedAsync(new Uri(_h.Bot.BaseAddress, "/slack/events"), "application/json", "[1,2");
        Assert.Equal(HttpStatusCode.BadRequest, events.StatusCode);
    }

    private void Tamper(HttpRequestMessage request, string tampering, string body)
    {
        var stale = _h.Slack.Settings.Time.GetUtcNow().AddMinutes(-6).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var future = _h.Slack.Settings.Time.GetUtcNow().AddMinutes(6).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (tampering)
        {
            case "forged":
                Replace(request, "X-Slack-Signature", _h.Slack.Sign(_h.Slack.Now, Encoding.UTF8.GetBytes(body), secret: "not-the-secret"));
                break;
            case "missing":
                request.Headers.Remove("X-Slack-Signature");
                break;
            case "missing-timestamp":
                request.Headers.Remove("X-Slack-Request-Timestamp");
                break;
            case "stale":
                // Correctly signed, six minutes ago: a replay.
                Replace(request, "X-Slack-Request-Timestamp", stale);
                Replace(request, "X-Slack-Signature", _h.Slack.Sign(stale, Encoding.UTF8.GetBytes(body)));
                break;
            case "future":
                Replace(request, "X-Slack-Request-Timestamp", future);
                Replace(request, "X-Slack-Signature", _h.Slack.Sign(future, Encoding.UTF8.GetBytes(body)));
                break;
            case "altered-body":
                var altered = body.Replace("U0ZHANG", "U0ADMIN", StringComparison.Ordinal).Replace("bxk1000", "aqm0523", StringComparison.Ordinal) + "&x=1";
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(altered));
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
                break;
            case "malformed":
                Replace(request, "X-Slack-Signature", "v0=zz" + new string('0', 62));
                break;
        }
    }

    private static void Replace(HttpRequestMessage request, string header, string value)
    {
        request.Headers.Remove(header);
        request.Headers.Add(header, value);
    }

    private async Task<string> MappingsAsync()
    {
        var store = _h.Bot.Get<IMappingStore>();
        var all = await store.DevicesOfAsync("slack:C0OPS", default);
        return string.Join(",", all.Order(StringComparer.Ordinal));
    }
}
