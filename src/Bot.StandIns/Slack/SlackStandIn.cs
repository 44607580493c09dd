// Spec: docs/protocols/slack.md: the Web API, response_url, Socket Mode and signed requests, as Slack does them.
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.StandIns.Slack;

public sealed record SlackStandInSettings
{
    public string SigningSecret { get; init; } = "standin-signing-secret";
    public string BotToken { get; init; } = "xoxb-standin-bot-token";
    public string AppToken { get; init; } = "xapp-standin-app-token";
    public string TeamId { get; init; } = "T0STANDIN";
    /// <summary>chat.postMessage per channel: a second post sooner than this gets 429 with Retry-After.</summary>
    public TimeSpan ChannelInterval { get; init; } = TimeSpan.FromSeconds(1);
    public bool EnforceRateLimit { get; init; } = true;
    /// <summary>What users.info knows: user id → (name, locale).</summary>
    public IReadOnlyDictionary<string, (string Name, string Locale)> Users { get; init; } = new Dictionary<string, (string, string)>();
    /// <summary>Signs requests and decides rate limits; tests share theirs with the bot.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
    /// <summary>How long Slack waits for a Socket Mode envelope's acknowledgement before delivering it again (real time).</summary>
    public TimeSpan SocketAckTimeout { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>How many of the bot's first envelope acknowledgements are lost on the way (Slack then delivers again).</summary>
    public int LostAcks { get; init; }
}

/// <summary>A Web API answer shown instead of the normal one, once.</summary>
public abstract record SlackApiFault
{
    private SlackApiFault() { }
    public sealed record RateLimited(int RetryAfterSeconds) : SlackApiFault;
    public sealed record Error(string Code) : SlackApiFault;
    public sealed record ServerError(int Status = 503) : SlackApiFault;
    /// <summary>HTTP 200 whose body is not JSON (a proxy's page or a cut-off answer).</summary>
    public sealed record Malformed(string Body = "{\"ok\":tr") : SlackApiFault;
}

/// <summary>One Web API call as it arrived.</summary>
public sealed record SlackApiCall(string Method, string Body, string? Authorization, string? ContentType, int Status, string? Error, DateTimeOffset At)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>One POST to a response_url.</summary>
public sealed record SlackResponse(string UrlId, JsonElement Body, DateTimeOffset At);

/// <summary>
/// A local Slack: the Web API (<c>/api/{method}</c>) with its rate limits and errors, response URLs that
/// record what the bot sends, a Socket Mode WebSocket, and a sender of signed requests to the bot, as
/// Slack's servers would send them. Thread-safe; one instance per test or playground.
/// </summary>
public sealed partial class SlackStandIn : IAsyncDisposable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _moreBotTokens = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private readonly HttpClient _toBot = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentQueue<(string? Method, SlackApiFault Fault)> _faults = new();
    private readonly Recorder<SlackApiCall> _calls = new();
    private readonly Recorder<SlackResponse> _responses = new();
    private readonly ConcurrentDictionary<string, int> _responseUses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _responseIssued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastPost = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _messages = new(StringComparer.Ordinal);
    /// <summary>Response URL id → the channel message (<c>channel|ts</c>) whose click it came with.</summary>
    private readonly ConcurrentDictionary<string, string> _responseMessage = new(StringComparer.Ordinal);
    private readonly Lock _postGate = new();
    private long _sequence;
    private string? _holdMethod;
    private AnswerHold? _hold;

    private SlackStandIn(WebApplication app, SlackStandInSettings settings)
    {
        _app = app;
        Settings = settings;
    }

    public SlackStandInSettings Settings { get; }
    public string BaseUrl { get; private set; } = "";
    /// <summary>What the bot's <c>Slack:ApiBaseUrl</c> should be.</summary>
    public string ApiBaseUrl => BaseUrl + "/api/";

    /// <summary>Settings that point the bot at this stand-in.</summary>
    public Dictionary<string, string?> BotSettings() => new()
    {
        ["Slack:SigningSecret"] = Settings.SigningSecret,
        ["Slack:BotToken"] = Settings.BotToken,
        ["Slack:ApiBaseUrl"] = ApiBaseUrl,
    };

    public static async Task<SlackStandIn> StartAsync(SlackStandInSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var app = LoopbackServer.Create();
        var standIn = new SlackStandIn(app, settings ?? new SlackStandInSettings());
        app.UseWebSockets();
        app.MapPost("/api/{method}", (Func<HttpContext, string, Task<IResult>>)standIn.WebApiAsync);
        app.MapPost("/respond/{id}", (Func<HttpContext, string, Task<IResult>>)standIn.RespondAsync);
        app.Map("/socket", (Func<HttpContext, Task>)standIn.SocketAsync);
        standIn.BaseUrl = await LoopbackServer.StartAsync(app, cancellationToken);
        return standIn;
    }

    // ---- Web API ----

    /// <summary>The next call (of <paramref name="method"/>, or any method when null) shows <paramref name="fault"/>.</summary>
    public void FailNext(SlackApiFault fault, string? method = null) => _faults.Enqueue((method, fault));

    /// <summary>Holds the answer to the <paramref name="nth"/> successful call of <paramref name="method"/> (see <see cref="AnswerHold"/>).</summary>
    public AnswerHold HoldAnswer(string method, int nth = 1)
    {
        var hold = new AnswerHold(nth);
        _holdMethod = method;
        Interlocked.Exchange(ref _hold, hold)?.Release();
        return hold;
    }

    public IReadOnlyList<SlackApiCall> Calls => _calls.All;

    /// <summary>Accepts <paramref name="token"/> as a bot token too, so that each bot process of a test can have its own and every call names its sender.</summary>
    public void AcceptBotToken(string token) => _moreBotTokens[token] = true;

    public IReadOnlyList<SlackApiCall> CallsOf(string method) => [.. _calls.All.Where(c => c.Method == method)];

    public Task<IReadOnlyList<SlackApiCall>> WaitForCallsAsync(string method, int count, TimeSpan timeout) =>
        _calls.WaitAsync(c => c.Method == method, count, timeout, $"Web API {method}");

    private async Task<IResult> WebApiAsync(HttpContext http, string method)
    {
        var now = Settings.Time.GetUtcNow();
        var body = await new StreamReader(http.Request.Body, Encoding.UTF8).ReadToEndAsync(http.RequestAborted);
        var auth = http.Request.Headers.Authorization.ToString();
        var (status, error, answer) = Answer(method, body, auth, http.Request.ContentType, now);
        _calls.Add(new SlackApiCall(method, body, auth.Length == 0 ? null : auth, http.Request.ContentType, status, error, now));
        if (Volatile.Read(ref _hold) is { } hold && _holdMethod == method && status == 200 && error is null)
            await hold.PassAsync($"{answer?["channel"]}\n{body}");
        if (status == 429)
        {
            http.Response.Headers.RetryAfter = answer!["retry_after"]!.ToString();
            return JsonAnswer.Of(new JsonObject { ["ok"] = false, ["error"] = "ratelimited" }, 429);
        }
        if (status != 200) return Results.Text("<html>upstream error</html>", "text/html", statusCode: status);
        if (answer is null) return Results.Text(error ?? "", "application/json; charset=utf-8");
        return Results.Text(answer!.ToJsonString(), "application/json; charset=utf-8");
    }

    private (int Status, string? Error, JsonObject? Answer) Answer(string method, string body, string auth, string? contentType, DateTimeOffset now)
    {
        if (_faults.TryPeek(out var next) && (next.Method is null || next.Method == method) && _faults.TryDequeue(out next))
        {
            return next.Fault switch
            {
                SlackApiFault.RateLimited r => (429, "ratelimited", new JsonObject { ["retry_after"] = r.RetryAfterSeconds }),
                SlackApiFault.ServerError s => (s.Status, "server_error", null),
                SlackApiFault.Error e => (200, e.Code, Error(e.Code)),
                SlackApiFault.Malformed m => (200, m.Body, null),
                _ => (500, "unknown", null),
            };
        }

        var token = auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth["Bearer ".Length..] : null;
        var expected = method == "apps.connections.open" ? Settings.AppToken : Settings.BotToken;
        if (token is null) return (200, "not_authed", Error("not_authed"));
        if (token != expected && (method == "apps.connections.open" || !_moreBotTokens.ContainsKey(token))) return (200, "invalid_auth", Error("invalid_auth"));

        if (method == "apps.connections.open")
            return Ok(new JsonObject { ["url"] = $"{BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal)}/socket?ticket={IssueTicket()}" });
        if (method == "users.info")
        {
            var form = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body);
            var user = form.TryGetValue("user", out var u) ? u.ToString() : "";
            if (!Settings.Users.TryGetValue(user, out var known)) return (200, "user_not_found", Error("user_not_found"));
            var info = new JsonObject { ["id"] = user, ["name"] = known.Name, ["profile"] = new JsonObject { ["display_name"] = known.Name } };
            if (form.TryGetValue("include_locale", out var loc) && loc == "true") info["locale"] = known.Locale;
            return Ok(new JsonObject { ["user"] = info });
        }
        if (method is not ("chat.postMessage" or "chat.update" or "chat.postEphemeral")) return (200, "unknown_method", Error("unknown_method"));

        if (contentType is null || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (200, "invalid_form_data", Error("invalid_form_data"));
        JsonObject message;
        try { message = JsonNode.Parse(body) as JsonObject ?? throw new JsonException(); }
        catch (JsonException) { return (200, "invalid_json", Error("invalid_json")); }
        var channel = message["channel"]?.GetValue<string>();
        if (string.IsNullOrEmpty(channel)) return (200, "channel_not_found", Error("channel_not_found"));
        if (message["text"] is null && message["blocks"] is null) return (200, "no_text", Error("no_text"));
        if (message["blocks"] is { } blocks && SlackBlockRules.Problems(JsonDocument.Parse(blocks.ToJsonString()).RootElement).Count > 0)
            return (200, "invalid_blocks", Error("invalid_blocks"));

        switch (method)
        {
            case "chat.postMessage":
                lock (_postGate)
                {
                    if (Settings.EnforceRateLimit && _lastPost.TryGetValue(channel, out var last) && now - last < Settings.ChannelInterval)
                    {
                        var wait = (int)Math.Ceiling((Settings.ChannelInterval - (now - last)).TotalSeconds);
                        return (429, "ratelimited", new JsonObject { ["retry_after"] = Math.Max(1, wait) });
                    }
                    _lastPost[channel] = now;
                }
                var ts = NewTs(now);
                _messages[$"{channel}|{ts}"] = message;
                return Ok(new JsonObject { ["channel"] = channel, ["ts"] = ts, ["message"] = message.DeepClone() });
            case "chat.update":
                var updated = message["ts"]?.GetValue<string>();
                if (updated is null || !_messages.ContainsKey($"{channel}|{updated}")) return (200, "message_not_found", Error("message_not_found"));
                _messages[$"{channel}|{updated}"] = message;
                return Ok(new JsonObject { ["channel"] = channel, ["ts"] = updated, ["text"] = message["text"]?.DeepClone() });
            default:
                return Ok(new JsonObject { ["message_ts"] = NewTs(now) });
        }
    }

    private string NewTs(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{now.ToUnixTimeSeconds()}.{Interlocked.Increment(ref _sequence) % 1_000_000:000000}");

    private static (int, string?, JsonObject) Ok(JsonObject body)
    {
        var answer = new JsonObject { ["ok"] = true };
        foreach (var (key, value) in body) answer[key] = value?.DeepClone();
        return (200, null, answer);
    }

    private static JsonObject Error(string code) => new() { ["ok"] = false, ["error"] = code };

    // ---- response_url ----

    /// <summary>A response URL lives this long after it was issued.</summary>
    public static readonly TimeSpan ResponseUrlLifetime = TimeSpan.FromMinutes(30);

    /// <summary>A fresh response URL, as Slack puts in every command and click (5 uses within 30 minutes).</summary>
    public string NewResponseUrl()
    {
        var id = Guid.NewGuid().ToString("N");
        _responseIssued[id] = Settings.Time.GetUtcNow();
        return $"{BaseUrl}/respond/{id}";
    }

    public IReadOnlyList<SlackResponse> Responses => _responses.All;

    public IReadOnlyList<SlackResponse> ResponsesTo(string responseUrl) => [.. _responses.All.Where(r => r.UrlId == IdOf(responseUrl))];

    public Task<IReadOnlyList<SlackResponse>> WaitForResponsesAsync(string responseUrl, int count, TimeSpan timeout) =>
        _responses.WaitAsync(r => r.UrlId == IdOf(responseUrl), count, timeout, $"responses to {responseUrl}");

    private static string IdOf(string responseUrl) => responseUrl[(responseUrl.LastIndexOf('/') + 1)..];

    private async Task<IResult> RespondAsync(HttpContext http, string id)
    {
        if (!_responseIssued.TryGetValue(id, out var issued) || Settings.Time.GetUtcNow() - issued > ResponseUrlLifetime)
            return Results.Text("expired_url", statusCode: 404);
        if (_responseUses.AddOrUpdate(id, 1, (_, n) => n + 1) > 5) return Results.Text("used_url", statusCode: 404);
        JsonElement body;
        try { body = (await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted)).RootElement.Clone(); }
        catch (JsonException) { return Results.Text("invalid_payload", statusCode: 400); }
        if (body.TryGetProperty("blocks", out var blocks) && SlackBlockRules.Problems(blocks).Count > 0) return Results.Text("invalid_blocks", statusCode: 400);
        _responses.Add(new SlackResponse(id, body, Settings.Time.GetUtcNow()));
        return Results.Ok();
    }

    // ---- signed requests to the bot ----

    /// <summary>Slack's <c>X-Slack-Signature</c> for a body at a timestamp (computed here independently of the bot).</summary>
    public string Sign(string timestamp, byte[] body, string? secret = null)
    {
        var data = Encoding.UTF8.GetBytes($"v0:{timestamp}:").Concat(body).ToArray();
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret ?? Settings.SigningSecret), data));
    }

    public string Now => Settings.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Posts <paramref name="body"/> to the bot signed like Slack; <paramref name="tamper"/> may alter the request after signing.</summary>
    public async Task<HttpResponseMessage> SendSignedAsync(Uri url, string contentType, string body, Action<HttpRequestMessage>? tamper = null, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = Now;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", Sign(timestamp, bytes));
        tamper?.Invoke(request);
        return await _toBot.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The form Slack posts for a slash command.</summary>
    public string CommandForm(SlackPersonInChannel who, string command, string text, string responseUrl) =>
        Form(new Dictionary<string, string>
        {
            ["token"] = "deprecated-verification-token",
            ["team_id"] = Settings.TeamId,
            ["team_domain"] = "standin",
            ["channel_id"] = who.ChannelId,
            ["channel_name"] = who.ChannelName,
            ["user_id"] = who.UserId,
            ["user_name"] = who.UserName,
            ["command"] = command,
            ["text"] = text,
            ["api_app_id"] = "A0STANDIN",
            ["is_enterprise_install"] = "false",
            ["response_url"] = responseUrl,
            ["trigger_id"] = "13345224609.738474920.8088930838d88f008e0",
        });

    /// <summary>Sends <c>/command text</c> to the bot's <c>/slack/commands</c>; the answer is the bot's HTTP response.</summary>
    public Task<HttpResponseMessage> SendCommandAsync(Uri bot, SlackPersonInChannel who, string command, string text, string responseUrl) =>
        SendSignedAsync(new Uri(bot, "/slack/commands"), "application/x-www-form-urlencoded", CommandForm(who, command, text, responseUrl));

    /// <summary>
    /// The <c>block_actions</c> payload of a click on a button of an ephemeral message or, with
    /// <paramref name="messageTs"/>, of the channel message posted at that <c>ts</c>.
    /// </summary>
    public JsonObject BlockActionPayload(SlackPersonInChannel who, JsonElement button, string responseUrl, string? messageTs = null) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = who.UserId, ["username"] = who.UserName, ["name"] = who.UserName, ["team_id"] = Settings.TeamId },
        ["api_app_id"] = "A0STANDIN",
        ["token"] = "deprecated-verification-token",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs ?? "1548261231.000200", ["channel_id"] = who.ChannelId, ["is_ephemeral"] = messageTs is null },
        ["trigger_id"] = "12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
        ["team"] = new JsonObject { ["id"] = Settings.TeamId, ["domain"] = "standin" },
        ["channel"] = new JsonObject { ["id"] = who.ChannelId, ["name"] = who.ChannelName },
        ["response_url"] = responseUrl,
        ["actions"] = new JsonArray(new JsonObject
        {
            ["action_id"] = button.GetProperty("action_id").GetString(),
            ["block_id"] = "b1",
            ["text"] = JsonNode.Parse(button.GetProperty("text").GetRawText()),
            ["value"] = button.TryGetProperty("value", out var v) ? v.GetString() : null,
            ["type"] = "button",
            ["action_ts"] = "1548426417.840180",
        }),
    };

    /// <summary>
    /// Clicks <paramref name="button"/> (a button element from a message the bot sent) as <paramref name="who"/>;
    /// with <paramref name="messageTs"/>, on the channel message posted at that <c>ts</c> (its response URL then edits that message).
    /// </summary>
    public Task<HttpResponseMessage> ClickAsync(Uri bot, SlackPersonInChannel who, JsonElement button, string responseUrl, string? messageTs = null)
    {
        if (messageTs is not null) _responseMessage[IdOf(responseUrl)] = $"{who.ChannelId}|{messageTs}";
        return SendSignedAsync(new Uri(bot, "/slack/interactions"), "application/x-www-form-urlencoded",
            Form(new Dictionary<string, string> { ["payload"] = BlockActionPayload(who, button, responseUrl, messageTs).ToJsonString() }));
    }

    /// <summary>Picks the option whose value is <paramref name="optionValue"/> in a <c>static_select</c> of a message the bot sent, as <paramref name="who"/>.</summary>
    public Task<HttpResponseMessage> PickAsync(Uri bot, SlackPersonInChannel who, JsonElement select, string optionValue, string responseUrl)
    {
        var option = select.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("value").GetString() == optionValue);
        var asButton = JsonDocument.Parse(new JsonObject
        {
            ["action_id"] = select.GetProperty("action_id").GetString(),
            ["text"] = JsonNode.Parse(option.GetProperty("text").GetRawText()),
        }.ToJsonString()).RootElement;
        var payload = BlockActionPayload(who, asButton, responseUrl);
        payload["actions"] = new JsonArray(new JsonObject
        {
            ["action_id"] = select.GetProperty("action_id").GetString(),
            ["block_id"] = "b1",
            ["type"] = "static_select",
            ["selected_option"] = JsonNode.Parse(option.GetRawText()),
            ["placeholder"] = JsonNode.Parse(select.GetProperty("placeholder").GetRawText()),
            ["action_ts"] = "1548426417.840180",
        });
        return SendSignedAsync(new Uri(bot, "/slack/interactions"), "application/x-www-form-urlencoded",
            Form(new Dictionary<string, string> { ["payload"] = payload.ToJsonString() }));
    }

    /// <summary>The message at <paramref name="channel"/>/<paramref name="ts"/> as it stands after every chat.update (null: none there).</summary>
    public JsonElement? MessageAt(string channel, string ts) =>
        _messages.TryGetValue($"{channel}|{ts}", out var message) ? JsonDocument.Parse(message.ToJsonString()).RootElement : null;

    /// <summary>The <c>ts</c> of every message chat.postMessage created in <paramref name="channel"/>, oldest first.</summary>
    public IReadOnlyList<string> PostedTs(string channel) =>
        [.. _messages.Keys.Where(k => k.StartsWith(channel + "|", StringComparison.Ordinal)).Select(k => k[(channel.Length + 1)..]).Order(StringComparer.Ordinal)];

    /// <summary>
    /// How many times the message at <paramref name="channel"/>/<paramref name="ts"/> was rewritten: successful chat.update
    /// calls on it, and replace_original answers through the response URL of a click on it.
    /// </summary>
    public int EditsOf(string channel, string ts)
    {
        var updates = CallsOf("chat.update").Count(c => c.Error is null && c.Status == 200
            && c.Json.TryGetProperty("channel", out var ch) && ch.GetString() == channel
            && c.Json.TryGetProperty("ts", out var t) && t.GetString() == ts);
        var replaces = Responses.Count(r => _responseMessage.TryGetValue(r.UrlId, out var message) && message == $"{channel}|{ts}"
            && r.Body.TryGetProperty("replace_original", out var replace) && replace.ValueKind == JsonValueKind.True);
        return updates + replaces;
    }

    public static string Form(IReadOnlyDictionary<string, string> fields) =>
        string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    public async ValueTask DisposeAsync()
    {
        Volatile.Read(ref _hold)?.Release();
        await CloseSocketsAsync().ConfigureAwait(false);
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _toBot.Dispose();
    }
}

/// <summary>Who does something in which channel, as Slack names them.</summary>
public sealed record SlackPersonInChannel(string UserId, string UserName, string ChannelId, string ChannelName);

/// <summary>An append-only list that can be awaited for matching entries.</summary>
internal sealed class Recorder<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<T> All
    {
        get { lock (_gate) return [.. _items]; }
    }

    public void Add(T item)
    {
        lock (_gate)
        {
            _items.Add(item);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public async Task<IReadOnlyList<T>> WaitAsync(Func<T, bool> match, int count, TimeSpan timeout, string what)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var found = _items.Where(match).ToList();
                if (found.Count >= count) return found;
                changed = _changed.Task;
            }
            try { await changed.WaitAsync(cts.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { throw new TimeoutException($"Slack stand-in: fewer than {count} {what} after {timeout}"); }
        }
    }
}
