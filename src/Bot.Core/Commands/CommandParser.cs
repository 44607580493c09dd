using System.Text;

namespace Bot.Core.Commands;

/// <summary>
/// Parses <c>call aqm0523</c>, <c>/call aqm0523</c>, <c>devices map aqm0523</c>, <c>map aqm0523</c>, <c>alarms all 2</c>, <c>oncall add &lt;@U1&gt;</c>, <c>help</c>.
/// Adapters strip their own bot mention first. Tolerates full-width letters, digits and spaces
/// (typed with a Chinese IME), repeated spaces and letter case; the Chinese verbs work too.
/// </summary>
public static class CommandParser
{
    public const int MaxLength = 500;

    public static BotCommand Parse(string? text)
    {
        var words = Words(text);
        if (words.Length == 0) return new BotCommand.Help();

        var verb = words[0];
        var rest = words[1..];
        return verb switch
        {
            "call" or "呼叫" => new BotCommand.Call(Argument(rest)),
            "devices" or "device" or "设备" => rest.Length == 0 ? new BotCommand.Devices() : Parse(string.Join(' ', rest), nested: true),
            "map" or "关联" => new BotCommand.Map(Argument(rest)),
            "unmap" or "取消关联" => new BotCommand.Unmap(Argument(rest)),
            "alarms" or "alarm" or "告警" => AlarmsOf(rest),
            "silences" or "静默" => new BotCommand.Silences(),
            "unsilence" or "取消静默" => new BotCommand.Unsilence(Argument(rest)),
            "oncall" or "on-call" or "值班" => OnCallOf(rest),
            "help" or "帮助" or "?" => new BotCommand.Help(),
            _ => new BotCommand.Unknown(Shorten(string.Join(' ', words))),
        };
    }

    // "devices map x" / "devices unmap x": only map and unmap may follow "devices".
    private static BotCommand Parse(string rest, bool nested)
    {
        var parsed = Parse(rest);
        return parsed is BotCommand.Map or BotCommand.Unmap ? parsed : new BotCommand.Unknown(Shorten("devices " + rest));
    }

    // "alarms", "alarms all", "alarms 2", "alarms all 2": anything else is not understood.
    private static BotCommand AlarmsOf(string[] rest)
    {
        var all = false;
        var page = 1;
        foreach (var word in rest)
        {
            if (word.ToLowerInvariant() is "all" or "全部") all = true;
            else if (int.TryParse(word, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 10_000) page = n;
            else return new BotCommand.Unknown(Shorten("alarms " + string.Join(' ', rest)));
        }
        return new BotCommand.Alarms(all, page);
    }

    // "oncall", "oncall add <@U1|bob>", "oncall remove <@U1>": the mention may hold spaces (a display name), so the rest is kept whole.
    private static BotCommand OnCallOf(string[] rest)
    {
        if (rest.Length == 0) return new BotCommand.OnCall(OnCallAction.Show, null);
        var person = rest.Length > 1 ? string.Join(' ', rest[1..]) : null;
        return rest[0].ToLowerInvariant() switch
        {
            "add" or "添加" => new BotCommand.OnCall(OnCallAction.Add, person),
            "remove" or "rm" or "删除" => new BotCommand.OnCall(OnCallAction.Remove, person),
            _ => new BotCommand.Unknown(Shorten("oncall " + string.Join(' ', rest))),
        };
    }

    private static string? Argument(string[] rest) => rest.Length == 0 ? null : rest[0];

    private static string[] Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        if (text.Length > MaxLength) text = text[..MaxLength];
        // NFKC folds full-width ASCII (ａｑｍ０５２３) and the ideographic space into plain ASCII.
        // Plain ASCII (almost every command) is already in that form: skip the costly normalization.
        var folded = (System.Text.Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormKC)).Trim();
        var words = folded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0) return [];
        if (words[0].StartsWith('/')) words[0] = words[0].TrimStart('/');
        if (words[0].Length == 0) words = words[1..];
        if (words.Length == 0) return [];
        // Only the verb is folded to lower case; arguments keep theirs (no copy of the array).
        words[0] = words[0].ToLowerInvariant();
        return words;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
