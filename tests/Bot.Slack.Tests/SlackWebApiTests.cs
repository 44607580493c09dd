using System.Text.Json.Nodes;
using Bot.StandIns.Slack;
using Microsoft.Extensions.Options;

namespace Bot.Slack.Tests;

/// <summary>The Web API client against the Slack stand-in: answers, errors and faults as Slack shows them.</summary>
public sealed class SlackWebApiTests : IAsyncLifetime
{
    private SlackStandIn _slack = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _slack = await SlackStandIn.StartAsync(new SlackStandInSettings { EnforceRateLimit = false });
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _slack.DisposeAsync();
    }

    private SlackWebApi Api(string? botToken = null) => new(_http, Options.Create(new SlackOptions
    {
        BotToken = botToken ?? _slack.Settings.BotToken,
        AppToken = _slack.Settings.AppToken,
        ApiBaseUrl = _slack.ApiBaseUrl,
    }));

    private static JsonObject Message() => new() { ["channel"] = "C1", ["text"] = "中文 & <b>" };

    [Fact]
    public async Task A_post_returns_channel_and_ts_and_sends_utf8_json_with_the_bot_token()
    {
        var ok = Assert.IsType<SlackApiResult.Ok>(await Api().CallJsonAsync("chat.postMessage", Message(), default));
        Assert.Equal("C1", ok.Body.GetProperty("channel").GetString());
        Assert.False(string.IsNullOrEmpty(ok.Body.GetProperty("ts").GetString()));
        var call = Assert.Single(_slack.Calls);
        Assert.Equal("application/json; charset=utf-8", call.ContentType);
        Assert.Equal("中文 & <b>", call.Json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Ok_false_rate_limits_server_errors_and_a_wrong_token_are_told_apart()
    {
        _slack.FailNext(new SlackApiFault.Error("channel_not_found"));
        Assert.Equal("channel_not_found", Assert.IsType<SlackApiResult.Error>(await Api().CallJsonAsync("chat.postMessage", Message(), default)).Code);

        _slack.FailNext(new SlackApiFault.RateLimited(7));
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<SlackApiResult.RateLimited>(await Api().CallJsonAsync("chat.postMessage", Message(), default)).RetryAfter);

        _slack.FailNext(new SlackApiFault.ServerError(502));
        Assert.Equal("HTTP 502", Assert.IsType<SlackApiResult.Unreachable>(await Api().CallJsonAsync("chat.postMessage", Message(), default)).Detail);

        Assert.Equal("invalid_auth", Assert.IsType<SlackApiResult.Error>(await Api("xoxb-wrong").CallJsonAsync("chat.postMessage", Message(), default)).Code);
    }

    [Fact]
    public async Task Users_info_is_a_form_post_and_socket_mode_opens_with_the_app_token()
    {
        var result = await Api().CallFormAsync("users.info", new Dictionary<string, string> { ["user"] = "U404", ["include_locale"] = "true" }, default);
        Assert.Equal("user_not_found", Assert.IsType<SlackApiResult.Error>(result).Code);
        Assert.StartsWith("application/x-www-form-urlencoded", _slack.CallsOf("users.info").Single().ContentType);

        var opened = Assert.IsType<SlackApiResult.Ok>(await Api().OpenConnectionAsync(default));
        Assert.StartsWith("ws://127.0.0.1:", opened.Body.GetProperty("url").GetString());
        Assert.Equal("Bearer " + _slack.Settings.AppToken, _slack.CallsOf("apps.connections.open").Single().Authorization);
    }

    [Fact]
    public async Task Nothing_listening_is_unreachable_not_an_exception()
    {
        var api = new SlackWebApi(_http, Options.Create(new SlackOptions { BotToken = "xoxb-1", ApiBaseUrl = "http://127.0.0.1:1/api/" }));
        Assert.IsType<SlackApiResult.Unreachable>(await api.CallJsonAsync("chat.postMessage", Message(), default));
    }
}
