using System.Text;
using System.Text.Json.Nodes;

namespace Bot.Host.Tests.Reliability;

/// <summary>
/// Seeded generation of requests over the bot's real grammars (command text, Slack block_actions, admin bodies):
/// a valid request is built from its parts, then mutated (a part dropped, retyped, repeated or blown up, a
/// character inserted or removed), so most inputs are near-valid and reach the code behind the parser.
/// </summary>
internal static class RequestGrammar
{
    /// <summary>Markup of every target format at once: XML, mrkdwn mentions and formatting, JSON.</summary>
    public const string Hostile = "<b>&amp; ]]> \"q\" <!channel> <@U0ADMIN> *bold* _it_ `x` \"},{\"type\":\"x\"} \\u0000 泵房";

    // Weighted toward what the parser accepts, so most requests reach the handlers behind it.
    private static readonly string[] Verbs = ["", "help", "帮助", "call", "call", "呼叫", "/call", "devices", "设备", "devices map", "devices map", "devices unmap", "devices unmap",
        "map", "unmap", "关联", "取消关联", "device map", "设备 取消关联", "devices list"];
    private static readonly string[] Devices = ["aqm0523", "aqm0523", "aqm0523", "AQM0523", "lamp01", "fz1", "nosuch", Hostile, "../../etc/passwd", "aqm0523--1", "759646@isdp.example.test"];
    private static readonly string[] Spaces = [" ", "  ", "\t", "\u3000", "\u00a0", "\n", "\u200b"];
    private static readonly string[] Verbs2 = ["call.confirm", "call.cancel", "call.retry", "call.start", "alarm.ack", "open", "x", ""];

    public static T Pick<T>(Random random, params T[] options) => options[random.Next(options.Length)];

    /// <summary>What a person types after the command or the mention: verb, device, extra words, then a mutation.</summary>
    public static string CommandText(Random random)
    {
        var parts = new List<string> { Pick(random, Verbs) };
        if (random.Next(4) != 0) parts.Add(Pick(random, Devices));
        if (random.Next(6) == 0) parts.Add(Pick(random, Devices));
        return Mutate(random, string.Join(Pick(random, Spaces), parts));
    }

    /// <summary>A slash command and its text as Slack sends them: mostly <c>/devices …</c> and <c>/call …</c>, sometimes anything.</summary>
    public static (string Command, string Text) SlashCommand(Random random) => random.Next(8) switch
    {
        < 3 => ("/devices", Mutate(random, Pick(random, "map", "unmap", "map", "unmap", "", "list", "关联", "取消关联") + Pick(random, Spaces) + Pick(random, Devices))),
        < 5 => ("/call", Mutate(random, Pick(random, Devices))),
        < 7 => (Pick(random, "", "/x", "/devices", "/call"), CommandText(random)),
        _ => (Pick(random, "", "/", "/DEVICES", "/call/devices", Hostile), CommandText(random)),
    };

    /// <summary>A Slack <c>block_actions</c> payload as Slack sends it for a click, then one field mutated.</summary>
    public static JsonObject BlockActions(Random random, string userId, string channelId, string responseUrl)
    {
        var verb = Pick(random, Verbs2);
        var action = new JsonObject
        {
            ["action_id"] = random.Next(3) == 0 ? verb : $"{verb}#{random.Next(-1, 9)}",
            ["block_id"] = "b1",
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "Call" },
            ["value"] = Pick(random, "1", "0", "-1", "99999999999", "aqm0523", Hostile, new string('9', 400), ""),
            ["type"] = "button",
            ["action_ts"] = "1548426417.840180",
        };
        var payload = new JsonObject
        {
            ["type"] = "block_actions",
            ["user"] = new JsonObject { ["id"] = userId, ["username"] = "u", ["name"] = "u", ["team_id"] = "T0STANDIN" },
            ["api_app_id"] = "A0STANDIN",
            ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = "1548261231.000200", ["channel_id"] = channelId, ["is_ephemeral"] = true },
            ["team"] = new JsonObject { ["id"] = "T0STANDIN", ["domain"] = "standin" },
            ["channel"] = new JsonObject { ["id"] = channelId, ["name"] = "ops" },
            ["response_url"] = responseUrl,
            ["actions"] = new JsonArray(action),
        };
        if (random.Next(3) != 0) MutateField(random, random.Next(2) == 0 ? payload : action);
        return payload;
    }

    /// <summary>An admin body for <paramref name="kind"/> (device, mapping, caller, family mapping), valid then mutated.</summary>
    public static JsonObject AdminBody(Random random, string kind)
    {
        var body = kind switch
        {
            "device" => new JsonObject
            {
                ["isdpDeviceId"] = Pick(random, "fz1--1", "aqm0523--1", ""),
                ["chatJid"] = Pick(random, "1@isdp.example.test", "not-a-jid", ""),
                ["alias"] = Pick(random, "Pump", Hostile, ""),
                ["tencent"] = new JsonObject { ["productId"] = Pick(random, "22F9Y6II7O", "", Hostile), ["deviceName"] = Pick(random, "light1", "") },
            },
            "mapping" => new JsonObject
            {
                ["channel"] = Pick(random, "slack:C0OPS", "teams:19:x@thread.tacv2", "web:room", "irc:x", "slack:", Hostile),
                ["device"] = Pick(random, Devices),
            },
            "caller" => new JsonObject
            {
                ["userId"] = random.Next(3) == 0 ? JsonValue.Create("640778") : JsonValue.Create(random.Next(-1, 1_000_000)),
                ["userName"] = Pick(random, "TestRTC1", Hostile, ""),
                ["userNo"] = Pick(random, "sdcpo0001", ""),
                ["tenantId"] = random.Next(-1, 1000),
            },
            _ => new JsonObject
            {
                ["channel"] = Pick(random, "slack:C0OPS", "teams:19:x@thread.tacv2", "nope"),
                ["familyId"] = Pick(random, "f-1", "", Hostile),
            },
        };
        if (random.Next(3) != 0) MutateField(random, body);
        return body;
    }

    /// <summary>One field of <paramref name="target"/> removed, retyped or blown up (or one added).</summary>
    public static void MutateField(Random random, JsonObject target)
    {
        var names = target.Select(p => p.Key).ToList();
        var name = names.Count == 0 || random.Next(8) == 0 ? Pick(random, "extra", "__proto__", "") : Pick(random, names.ToArray());
        switch (random.Next(7))
        {
            case 0: target.Remove(name); break;
            case 1: target[name] = null; break;
            case 2: target[name] = JsonValue.Create(1e300); break;
            case 3: target[name] = new JsonArray(1, "two", new JsonObject()); break;
            case 4: target[name] = JsonValue.Create(new string('z', random.Next(100, 70_000))); break;
            case 5: target[name] = JsonValue.Create(Hostile); break;
            default: target[name] = JsonNode.Parse(string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + new string('}', 60)); break;
        }
    }

    /// <summary>A character inserted, removed or doubled, case flipped, or nothing (two times in three).</summary>
    public static string Mutate(Random random, string text)
    {
        if (random.Next(3) != 0 || text.Length == 0) return text;
        var at = random.Next(text.Length);
        var builder = new StringBuilder(text);
        switch (random.Next(5))
        {
            case 0: builder.Insert(at, Pick(random, '\0', '\u202e', '\ufeff', '\ud800', '"', '<', '&', '９', '\u0301')); break;
            case 1: builder.Remove(at, 1); break;
            case 2: builder.Insert(at, text[at]); break;
            case 3: return text.ToUpperInvariant();
            default: builder.Append(new string('x', random.Next(1, 5_000))); break;
        }
        return builder.ToString();
    }
}
