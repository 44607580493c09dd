// Spec: docs/protocols/tencent-iot.md §4 (message fields, Listover) and §5 (both response envelopes).
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Bot.TencentIot;

/// <summary>
/// Writing requests and reading answers. Answers come in two envelopes (the reference pages'
/// <c>{"Response": …}</c> and the app clients' <c>{"code", "msg", "data"}</c>); both are read.
/// Field types are read leniently (a number may come as a string and the other way round), since the
/// documentation and the examples disagree; anything else malformed is a <see cref="TencentException"/>.
/// </summary>
public static class TencentWire
{
    public const string InvalidAccessToken = "InvalidParameterValue.InvalidAccessToken";
    public const string InternalError = "InternalError";

    public static byte[] WriteRequest(IEnumerable<TencentParameter> parameters)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var p in parameters)
            {
                if (p.IsNumber) json.WriteNumber(p.Name, long.Parse(p.Value, CultureInfo.InvariantCulture));
                else json.WriteString(p.Name, p.Value);
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static TencentAnswer ReadAnswer(string body, string action)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(body); }
        catch (JsonException) { throw new TencentException(action, TencentFaultKind.Malformed, $"{action}: the answer is not JSON"); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Malformed(action, "the answer is not a JSON object");

            if (root.TryGetProperty("Response", out var response) && response.ValueKind == JsonValueKind.Object)
                return FromResponse(response, action);

            if (root.TryGetProperty("code", out var codeElement))
            {
                var code = ReadLong(codeElement) ?? throw Malformed(action, "code is not a number");
                root.TryGetProperty("data", out var data);
                var requestId = data.ValueKind == JsonValueKind.Object ? Text(data, "RequestId") : null;
                if (code != 0)
                {
                    if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("Error", out var error) && error.ValueKind == JsonValueKind.Object)
                        return new TencentAnswer(null, Text(error, "Code") ?? code.ToString(CultureInfo.InvariantCulture), Text(error, "Message"), requestId);
                    return new TencentAnswer(null, code.ToString(CultureInfo.InvariantCulture), Text(root, "msg"), requestId);
                }
                if (data.ValueKind != JsonValueKind.Object) throw Malformed(action, "data is missing");
                var inner = data.TryGetProperty("Data", out var d) && d.ValueKind == JsonValueKind.Object ? d : data;
                return new TencentAnswer(inner.Clone(), null, null, requestId);
            }
            throw Malformed(action, "neither Response nor code");
        }
    }

    private static TencentAnswer FromResponse(JsonElement response, string action)
    {
        var requestId = Text(response, "RequestId");
        if (response.TryGetProperty("Error", out var error) && error.ValueKind == JsonValueKind.Object)
            return new TencentAnswer(null, Text(error, "Code") ?? "Unknown", Text(error, "Message"), requestId);
        if (!response.TryGetProperty("Data", out var data) || data.ValueKind != JsonValueKind.Object)
            throw Malformed(action, "Response.Data is missing");
        return new TencentAnswer(data.Clone(), null, null, requestId);
    }

    /// <summary>AppGetToken's data: <c>Token</c> and <c>ExpireAt</c> (Unix seconds).</summary>
    public static (string Token, DateTimeOffset ExpireAt) ReadToken(JsonElement data)
    {
        var token = Text(data, "Token");
        if (string.IsNullOrEmpty(token)) throw Malformed("AppGetToken", "Token is missing");
        var expireAt = data.TryGetProperty("ExpireAt", out var e) ? ReadLong(e) : null;
        if (expireAt is null or <= 0) throw Malformed("AppGetToken", "ExpireAt is missing");
        return (token, DateTimeOffset.FromUnixTimeSeconds(Math.Min(expireAt.Value, 253402300799)));
    }

    /// <summary>AppGetMessages' data: <c>Msgs</c> and <c>Listover</c> (boolean, or the strings "true"/"false").</summary>
    public static TencentPage ReadMessages(JsonElement data)
    {
        var messages = new List<TencentMessage>();
        if (data.TryGetProperty("Msgs", out var msgs) && msgs.ValueKind == JsonValueKind.Array)
        {
            foreach (var m in msgs.EnumerateArray())
            {
                if (m.ValueKind != JsonValueKind.Object) throw Malformed("AppGetMessages", "a message is not an object");
                messages.Add(ReadMessage(m));
            }
        }
        else if (data.TryGetProperty("Msgs", out msgs) && msgs.ValueKind != JsonValueKind.Null)
        {
            throw Malformed("AppGetMessages", "Msgs is not a list");
        }
        return new TencentPage(messages, ReadListover(data));
    }

    public static bool ReadListover(JsonElement data)
    {
        if (!data.TryGetProperty("Listover", out var value)) return false;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Null => false,
            JsonValueKind.String when bool.TryParse(value.GetString()?.Trim(), out var parsed) => parsed,
            JsonValueKind.Number when value.TryGetInt32(out var n) => n != 0,
            _ => throw Malformed("AppGetMessages", "Listover is neither true nor false"),
        };
    }

    public static TencentMessage ReadMessage(JsonElement m)
    {
        var id = Text(m, "MsgID");
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) throw Malformed("AppGetMessages", "a message has no usable MsgID");
        var timestamp = m.TryGetProperty("MsgTimestamp", out var ts) ? ReadLong(ts) : null;
        if (timestamp is null or < 0) throw Malformed("AppGetMessages", $"message {id} has no MsgTimestamp");
        var category = m.TryGetProperty("Category", out var c) ? ReadLong(c) : null;
        var type = m.TryGetProperty("MsgType", out var t) ? ReadLong(t) : null;
        return new TencentMessage
        {
            MsgId = id.Trim(),
            Category = (int)Math.Clamp(category ?? 0, int.MinValue, int.MaxValue),
            MsgType = (int)Math.Clamp(type ?? 0, int.MinValue, int.MaxValue),
            Timestamp = timestamp.Value,
            Title = Text(m, "MsgTitle") ?? "",
            Content = Text(m, "MsgContent") ?? "",
            ProductId = Text(m, "ProductId") ?? "",
            DeviceName = Text(m, "DeviceName") ?? "",
            DeviceAlias = Text(m, "DeviceAlias") ?? "",
            FamilyId = Text(m, "FamilyId") ?? "",
            FamilyName = Text(m, "FamilyName") ?? "",
            UserId = Text(m, "UserID") ?? "",
            FromUserId = Text(m, "FromUserID") ?? "",
            RelateUserId = Text(m, "RelateUserID") ?? "",
            CreateAt = Text(m, "CreateAt") ?? "",
        };
    }

    /// <summary>A string, or a number written as text; null when absent or of another kind.</summary>
    private static string? Text(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
    }

    private static long? ReadLong(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static TencentException Malformed(string action, string what) => new(action, TencentFaultKind.Malformed, $"{action}: {what}");

    /// <summary>For logs: at most 200 characters of a body, on one line.</summary>
    public static string Excerpt(string body)
    {
        var one = new StringBuilder(Math.Min(body.Length, 200));
        foreach (var ch in body.AsSpan(0, Math.Min(body.Length, 200))) one.Append(char.IsControl(ch) ? ' ' : ch);
        return one.ToString();
    }
}
