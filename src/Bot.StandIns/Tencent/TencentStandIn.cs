// Spec: docs/protocols/tencent-iot.md (§2 signing, §3 AppGetToken, §4 AppGetMessages, §5 envelopes),
// seed 002_c945014d4e5c32e5.txt (the example message list).
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.TencentIot;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.StandIns.Tencent;

/// <summary>Which of the two documented answer shapes the stand-in writes.</summary>
public enum TencentEnvelope
{
    /// <summary><c>{"Response": {"Data": …, "RequestId": …}}</c>, as the reference pages show.</summary>
    Response,
    /// <summary><c>{"code": 0, "msg": "", "data": {"Data": …, "RequestId": …}}</c>, as Tencent's app clients read.</summary>
    AppClient,
}

/// <summary>The application and service user the stand-in knows. Defaults match nothing real.</summary>
public sealed record TencentStandInSettings
{
    public string AppKey { get; init; } = "standin-app-key";
    public string AppSecret { get; init; } = "standin-app-secret";
    public string CountryCode { get; init; } = "86";
    public string PhoneNumber { get; init; } = "13800000000";
    public string Email { get; init; } = "ops@example.com";
    public string Password { get; init; } = "standin-password";
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(2);
    /// <summary>How far a signed request's <c>Timestamp</c> may be from the stand-in's clock.</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Decides token expiry, timestamps and the time of added messages.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

/// <summary>A misbehaviour shown by the next request(s) of an endpoint.</summary>
public abstract record TencentFault
{
    private TencentFault() { }

    public sealed record ServerError(int Status = 502) : TencentFault;
    /// <summary>Waits (real time), then answers normally.</summary>
    public sealed record Slow(TimeSpan Delay) : TencentFault;
    public sealed record Malformed(string Body = "{\"Response\": {\"Data\": {\"Msgs\": [") : TencentFault;
    /// <summary>A documented API error: <c>InternalError</c>.</summary>
    public sealed record InternalError : TencentFault;
    /// <summary>Every issued token runs out now; the request is then answered as usual (InvalidAccessToken).</summary>
    public sealed record TokenExpired : TencentFault;
}

/// <summary>
/// A local Tencent IoT Explorer application API on a real Kestrel port: <c>appapi</c> checks the
/// HMAC-SHA1 signature, timestamp and nonce and issues tokens with <c>ExpireAt</c>; <c>tokenapi</c>
/// checks the token and lists messages newest first with real paging (MsgID/MsgTimestamp, Limit ≤ 100,
/// Listover). Tests add messages, expire tokens, inject faults, pick the envelope, and read call
/// counts. Thread-safe; one instance per test or playground.
/// </summary>
public sealed class TencentStandIn : IAsyncDisposable
{
    public const string AppApiPath = "/api/exploreropen/appapi";
    public const string TokenApiPath = "/api/exploreropen/tokenapi";
    public const string InvalidAccessToken = "InvalidParameterValue.InvalidAccessToken";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<TencentMessage> _messages = [];
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nonces = new(StringComparer.Ordinal);
    private readonly Queue<TencentFault> _nextFaults = new();
    private readonly Queue<TencentFault> _nextSignInFaults = new();
    private readonly Dictionary<long, TencentFault> _scheduledFaults = [];
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _requestIds = new();
    private long _lastMsgId = 65167410520395776;
    private long _lastTimestamp;
    private long _tokenApiRequests;
    private TencentFault? _persistentFault;

    private TencentStandIn(WebApplication app, TencentStandInSettings settings)
    {
        _app = app;
        Settings = settings;
    }

    public TencentStandInSettings Settings { get; }

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public string BaseUrl { get; private set; } = "";
    public string AppApiUrl => BaseUrl + AppApiPath;
    public string TokenApiUrl => BaseUrl + TokenApiPath;

    /// <summary>The envelope of the next answers; may be switched at any time.</summary>
    public TencentEnvelope Envelope { get; set; } = TencentEnvelope.Response;

    /// <summary>Writes <c>Listover</c> as the string <c>"true"</c>/<c>"false"</c>, as the seed's table types it.</summary>
    public bool ListoverAsString { get; set; }

    /// <summary>Settings for the bot's <c>Tencent</c> section that reach this stand-in as its phone user.</summary>
    public IReadOnlyDictionary<string, string?> BotSettings(string loginType = "phone") => new Dictionary<string, string?>
    {
        ["Tencent:AppApiUrl"] = AppApiUrl,
        ["Tencent:TokenApiUrl"] = TokenApiUrl,
        ["Tencent:AppKey"] = Settings.AppKey,
        ["Tencent:AppSecret"] = Settings.AppSecret,
        ["Tencent:LoginType"] = loginType,
        ["Tencent:CountryCode"] = Settings.CountryCode,
        ["Tencent:PhoneNumber"] = loginType == "phone" ? Settings.PhoneNumber : "",
        ["Tencent:Email"] = loginType == "email" ? Settings.Email : "",
        ["Tencent:Password"] = Settings.Password,
    };

    public static async Task<TencentStandIn> StartAsync(TencentStandInSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var app = LoopbackServer.Create();
        var standIn = new TencentStandIn(app, settings ?? new TencentStandInSettings());
        app.MapPost(AppApiPath, (Func<HttpContext, Task<IResult>>)standIn.AppApiAsync);
        app.MapPost(TokenApiPath, (Func<HttpContext, Task<IResult>>)standIn.TokenApiAsync);
        standIn.BaseUrl = await LoopbackServer.StartAsync(app, cancellationToken);
        return standIn;
    }

    // ---- What tests and the playground do --------------------------------------------------

    /// <summary>Adds a message as Tencent would list it: a new MsgID, stamped now (or later than the last one).</summary>
    public TencentMessage AddMessage(int category, string title, string content, string productId = "", string deviceName = "",
        string deviceAlias = "", string familyId = "", string familyName = "", int? msgType = null)
    {
        lock (_gate)
        {
            var now = Settings.Time.GetUtcNow().ToUnixTimeMilliseconds();
            var timestamp = Math.Max(now, _lastTimestamp + 1);
            var message = new TencentMessage
            {
                MsgId = (++_lastMsgId).ToString(CultureInfo.InvariantCulture),
                Category = category,
                MsgType = msgType ?? category * 100,
                Title = title,
                Content = content,
                Timestamp = timestamp,
                ProductId = productId,
                DeviceName = deviceName,
                DeviceAlias = deviceAlias,
                FamilyId = familyId,
                FamilyName = familyName,
                UserId = "1",
                CreateAt = DateTimeOffset.FromUnixTimeMilliseconds(timestamp).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            };
            AddLocked(message);
            return message;
        }
    }

    /// <summary>Adds a message exactly as given (its MsgID and timestamp kept), e.g. the seed's examples.</summary>
    public void AddMessage(TencentMessage message)
    {
        lock (_gate) AddLocked(message);
    }

    /// <summary>The four example messages of the seed, verbatim.</summary>
    public static IReadOnlyList<TencentMessage> SeedExamples { get; } =
    [
        new() { UserId = "1", FromUserId = "", MsgId = "65167410520395776", Category = 1, MsgType = 100, Title = "Device Warning",
            Content = "Some message Wed Nov 27 2019 11:52:01 GMT+0000.", Timestamp = 1574855521420, CreateAt = "2019-11-27T11:52:01.42Z" },
        new() { UserId = "1", FromUserId = "1", MsgId = "65167395785805824", Category = 2, MsgType = 200, Title = "成员添加结果通知",
            Content = "“jordan”将“dylan”添加为“深圳的家”的成员,成员可以查看和控制家里的智能设备。 Wed Nov 27 2019 11:51:57 GMT+0000",
            Timestamp = 1574855517907, FamilyId = "1", FamilyName = "test", RelateUserId = "2", CreateAt = "2019-11-27T11:51:57.907Z" },
        new() { UserId = "1", FromUserId = "1", MsgId = "65167386239569920", Category = 2, MsgType = 201, Title = "成员删除结果通知",
            Content = "“jordan”将“dylan”从“深圳的家”中删除,删除后将不能查看和控制家中的智能设备。 Wed Nov 27 2019 11:51:54 GMT+0000",
            Timestamp = 1574855515631, FamilyId = "1", FamilyName = "test", RelateUserId = "2", CreateAt = "2019-11-27T11:51:55.631Z" },
        new() { UserId = "1", FromUserId = "1", MsgId = "65167339519217664", Category = 3, MsgType = 300, Title = "设备分享结果通知",
            Content = "“dylan”已成功接收“jordan”分享的设备“智能灯”,现在可以查看和控制设备了。 Wed Nov 27 2019 11:51:44 GMT+0000",
            Timestamp = 1574855504492, ProductId = "22F9Y6II7O", DeviceName = "light1", DeviceAlias = "light1", RelateUserId = "2",
            CreateAt = "2019-11-27T11:51:44.492Z" },
    ];

    public void AddSeedExamples()
    {
        foreach (var message in SeedExamples) AddMessage(message);
    }

    /// <summary>Every token issued so far runs out now.</summary>
    public void ExpireTokens()
    {
        lock (_gate)
            foreach (var token in _tokens.Keys.ToList()) _tokens[token] = DateTimeOffset.MinValue;
    }

    /// <summary>The next tokenapi requests show these faults, one each, in order.</summary>
    public void FailNext(params TencentFault[] faults)
    {
        lock (_gate) foreach (var f in faults) _nextFaults.Enqueue(f);
    }

    /// <summary>The tokenapi request <paramref name="requestsFromNow"/> after the next one shows <paramref name="fault"/> (0 = the next).</summary>
    public void FailLater(int requestsFromNow, TencentFault fault)
    {
        lock (_gate) _scheduledFaults[_tokenApiRequests + 1 + requestsFromNow] = fault;
    }

    /// <summary>Every tokenapi request shows <paramref name="fault"/> until called again with null.</summary>
    public void FailAlways(TencentFault? fault)
    {
        lock (_gate) _persistentFault = fault;
    }

    /// <summary>The next sign-in requests show these faults.</summary>
    public void FailNextSignIn(params TencentFault[] faults)
    {
        lock (_gate) foreach (var f in faults) _nextSignInFaults.Enqueue(f);
    }

    /// <summary>Requests that reached the stand-in for <paramref name="action"/> (and category), whatever their answer.</summary>
    public int Calls(string action, int? category = null) =>
        _calls.GetValueOrDefault(category is null ? action : $"{action}:{category}");

    public int SignIns => Calls("AppGetToken");

    /// <summary>Tokens issued (successful sign-ins).</summary>
    public int TokensIssued { get { lock (_gate) return _tokens.Count; } }

    public IReadOnlyCollection<string> RequestIds => _requestIds.ToArray();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    // ---- appapi ------------------------------------------------------------------------------

    private async Task<IResult> AppApiAsync(HttpContext context)
    {
        var (parameters, requestId) = await ReadAsync(context).ConfigureAwait(false);
        var action = parameters?.GetValueOrDefault("Action").Value ?? "";
        Count(action.Length == 0 ? "invalid" : action);
        TencentFault? fault;
        lock (_gate) _nextSignInFaults.TryDequeue(out fault);
        if (await ShowFaultAsync(fault, requestId, context.RequestAborted).ConfigureAwait(false) is { } faulted) return faulted;

        if (parameters is null) return Error("InvalidParameterValue", "the body must be a JSON object", requestId);
        if (requestId is null) return Error("InvalidParameterValue", "RequestId is required", requestId);
        if (action != "AppGetToken") return Error("InvalidParameterValue", $"unknown Action '{action}'", requestId);
        string Value(string name) => parameters.GetValueOrDefault(name).Value ?? "";

        if (!FixedEquals(Value("AppKey"), Settings.AppKey)) return Error("InvalidParameterValue", "AppKey is not valid", requestId);
        if (!long.TryParse(Value("Timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(Settings.Time.GetUtcNow().ToUnixTimeSeconds() - timestamp) > Settings.MaxClockSkew.TotalSeconds)
            return Error("InvalidParameterValue", "Timestamp is missing or too far from now", requestId);
        if (!long.TryParse(Value("Nonce"), NumberStyles.None, CultureInfo.InvariantCulture, out var nonce) || nonce <= 0)
            return Error("InvalidParameterValue", "Nonce must be a positive integer", requestId);
        var expected = Signature(parameters);
        if (!FixedEquals(Value("Signature"), expected)) return Error("InvalidParameterValue", "Signature does not match", requestId);
        lock (_gate)
            if (!_nonces.Add($"{timestamp}:{nonce}")) return Error("InvalidParameterValue", "Nonce was used already", requestId);

        var signedIn = Value("Type") switch
        {
            "phone" => Value("CountryCode") == Settings.CountryCode && Value("PhoneNumber") == Settings.PhoneNumber && FixedEquals(Value("Password"), Settings.Password),
            "email" => string.Equals(Value("Email"), Settings.Email, StringComparison.OrdinalIgnoreCase) && FixedEquals(Value("Password"), Settings.Password),
            _ => false,
        };
        if (!signedIn) return Error("InvalidParameterValue", "account or password is wrong", requestId);

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var expireAt = Settings.Time.GetUtcNow() + Settings.TokenLifetime;
        lock (_gate) _tokens[token] = expireAt;
        return Success(json =>
        {
            json.WriteString("Token", token);
            json.WriteNumber("ExpireAt", expireAt.ToUnixTimeSeconds());
        }, requestId);
    }

    /// <summary>The stand-in's own reading of §2: its own code, so a client's mistake is not mirrored here.</summary>
    private string Signature(Dictionary<string, (string Value, bool IsNumber)> parameters)
    {
        var text = new StringBuilder();
        foreach (var (name, (value, _)) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name == "Signature" || value.Length == 0) continue;
            if (text.Length > 0) text.Append('&');
            text.Append(name).Append('=').Append(value);
        }
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(Settings.AppSecret));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // ---- tokenapi ----------------------------------------------------------------------------

    private async Task<IResult> TokenApiAsync(HttpContext context)
    {
        var (parameters, requestId) = await ReadAsync(context).ConfigureAwait(false);
        var action = parameters?.GetValueOrDefault("Action").Value ?? "";
        var categoryText = parameters?.GetValueOrDefault("Category").Value;
        Count(action.Length == 0 ? "invalid" : action);
        if (action.Length > 0 && categoryText is not null) Count($"{action}:{categoryText}");

        TencentFault? fault;
        lock (_gate)
        {
            var number = ++_tokenApiRequests;
            if (_scheduledFaults.Remove(number, out var scheduled)) fault = scheduled;
            else if (!_nextFaults.TryDequeue(out fault)) fault = _persistentFault;
        }
        if (await ShowFaultAsync(fault, requestId, context.RequestAborted).ConfigureAwait(false) is { } faulted) return faulted;

        if (parameters is null) return Error("InvalidParameterValue", "the body must be a JSON object", requestId);
        if (requestId is null) return Error("InvalidParameterValue", "RequestId is required", requestId);
        var token = parameters.GetValueOrDefault("AccessToken").Value ?? "";
        lock (_gate)
        {
            if (!_tokens.TryGetValue(token, out var expireAt) || Settings.Time.GetUtcNow() >= expireAt)
                return Error(InvalidAccessToken, "the access token is invalid or has expired", requestId);
        }
        if (action != "AppGetMessages") return Error("InvalidParameterValue", $"unknown Action '{action}'", requestId);
        if (!int.TryParse(categoryText, NumberStyles.None, CultureInfo.InvariantCulture, out var category) || !TencentCategory.IsKnown(category))
            return Error("InvalidParameterValue", "Category must be 1, 2 or 3", requestId);
        var limitText = parameters.GetValueOrDefault("Limit").Value;
        var limit = 10;
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
            return Error("InvalidParameterValue", "Limit must be between 1 and 100", requestId);
        var msgId = parameters.GetValueOrDefault("MsgID").Value ?? "";
        var msgTimestampText = parameters.GetValueOrDefault("MsgTimestamp").Value;
        long msgTimestamp = 0;
        if (msgTimestampText is not null && !long.TryParse(msgTimestampText, NumberStyles.None, CultureInfo.InvariantCulture, out msgTimestamp))
            return Error("InvalidParameterValue", "MsgTimestamp must be an integer", requestId);

        List<TencentMessage> page;
        bool listOver;
        lock (_gate)
        {
            IEnumerable<TencentMessage> older = _messages.Where(m => m.Category == category).OrderByDescending(m => m.Position);
            if (msgId.Length > 0 || msgTimestamp > 0)
            {
                var before = new TencentPosition(msgTimestamp, msgId);
                older = older.Where(m => m.Position < before);
            }
            var all = older.ToList();
            page = all.Take(limit).ToList();
            listOver = all.Count <= limit;
        }
        return Success(json =>
        {
            if (ListoverAsString) json.WriteString("Listover", listOver ? "true" : "false");
            else json.WriteBoolean("Listover", listOver);
            json.WriteStartArray("Msgs");
            foreach (var m in page) WriteMessage(json, m);
            json.WriteEndArray();
        }, requestId);
    }

    private static void WriteMessage(Utf8JsonWriter json, TencentMessage m)
    {
        json.WriteStartObject();
        json.WriteString("UserID", m.UserId);
        json.WriteString("FromUserID", m.FromUserId);
        json.WriteString("MsgID", m.MsgId);
        json.WriteNumber("Category", m.Category);
        json.WriteNumber("MsgType", m.MsgType);
        json.WriteString("MsgTitle", m.Title);
        json.WriteString("MsgContent", m.Content);
        json.WriteNumber("MsgTimestamp", m.Timestamp);
        json.WriteString("ProductId", m.ProductId);
        json.WriteString("DeviceName", m.DeviceName);
        json.WriteString("DeviceAlias", m.DeviceAlias);
        json.WriteString("FamilyId", m.FamilyId);
        json.WriteString("FamilyName", m.FamilyName);
        json.WriteString("RelateUserID", m.RelateUserId);
        json.WriteString("CreateAt", m.CreateAt);
        json.WriteEndObject();
    }

    // ---- shared ------------------------------------------------------------------------------

    private void AddLocked(TencentMessage message)
    {
        if (_messages.Any(m => m.MsgId == message.MsgId)) throw new InvalidOperationException($"MsgID {message.MsgId} is already listed.");
        _messages.Add(message);
        _lastTimestamp = Math.Max(_lastTimestamp, message.Timestamp);
        if (long.TryParse(message.MsgId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) _lastMsgId = Math.Max(_lastMsgId, id);
    }

    private void Count(string key) => _calls.AddOrUpdate(key, 1, (_, n) => n + 1);

    private async Task<(Dictionary<string, (string Value, bool IsNumber)>?, string?)> ReadAsync(HttpContext context)
    {
        try
        {
            if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true) return (null, null);
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
            var parameters = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
            foreach (var p in document.RootElement.EnumerateObject())
                parameters[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.String => (p.Value.GetString()!, false),
                    JsonValueKind.Number => (p.Value.GetRawText(), true),
                    JsonValueKind.True => ("true", false),
                    JsonValueKind.False => ("false", false),
                    _ => (p.Value.GetRawText(), false),
                };
            var requestId = parameters.TryGetValue("RequestId", out var id) && id.Item1.Length > 0 ? id.Item1 : null;
            if (requestId is not null) _requestIds.Enqueue(requestId);
            return (parameters, requestId);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private async Task<IResult?> ShowFaultAsync(TencentFault? fault, string? requestId, CancellationToken aborted)
    {
        switch (fault)
        {
            case null:
                return null;
            case TencentFault.ServerError error:
                return Results.Text("<html><body>502 Bad Gateway</body></html>", "text/html", statusCode: error.Status);
            case TencentFault.Malformed malformed:
                return Results.Text(malformed.Body, "application/json", statusCode: 200);
            case TencentFault.InternalError:
                return Error("InternalError", "internal error", requestId);
            case TencentFault.TokenExpired:
                ExpireTokens();
                return null;
            case TencentFault.Slow slow:
                using (var both = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token))
                {
                    try { await Task.Delay(slow.Delay, both.Token).ConfigureAwait(false); }
                    catch (OperationCanceledException) { return Results.StatusCode(503); }
                }
                return null;
            default:
                return null;
        }
    }

    private IResult Success(Action<Utf8JsonWriter> writeData, string? requestId) => Write(json =>
    {
        json.WriteStartObject("Data");
        writeData(json);
        json.WriteEndObject();
    }, requestId, code: 0, msg: "");

    private IResult Error(string code, string message, string? requestId) => Write(json =>
    {
        json.WriteStartObject("Error");
        json.WriteString("Code", code);
        json.WriteString("Message", message);
        json.WriteEndObject();
    }, requestId, code: 1, msg: message);

    private IResult Write(Action<Utf8JsonWriter> inner, string? requestId, int code, string msg)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (Envelope == TencentEnvelope.Response)
            {
                json.WriteStartObject("Response");
            }
            else
            {
                json.WriteNumber("code", code);
                json.WriteString("msg", msg);
                json.WriteStartObject("data");
            }
            inner(json);
            json.WriteString("RequestId", requestId ?? "");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Results.Text(Encoding.UTF8.GetString(buffer.ToArray()), "application/json", Encoding.UTF8, 200);
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
