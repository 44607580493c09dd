using System.Text.RegularExpressions;

namespace Bot.Core.Devices;

/// <summary>Validation shared by the admin API and the seed-file loader: a bad record never reaches storage.</summary>
public static partial class DeviceRules
{
    public const int MaxIdLength = 64;
    public const int MaxAliasLength = 120;

    [GeneratedRegex(@"^[^@\s/<>""'&]+@[^@\s/<>""'&]+$")]
    private static partial Regex JidPattern();

    /// <summary>Device ids are matched case-insensitively; we keep one canonical form.</summary>
    public static string NormalizeId(string deviceId) => deviceId.Trim().ToLowerInvariant();

    /// <summary>
    /// Returns (field, problem) pairs, named as in the seed file and the admin API (the alarm source identity under
    /// <paramref name="alarmSourceField"/>); empty when the device is valid.
    /// </summary>
    public static IReadOnlyList<(string Field, string Problem)> Validate(Device device, string alarmSourceField)
    {
        var problems = new List<(string, string)>();
        CheckId(problems, "deviceId", device.DeviceId);
        CheckId(problems, "isdpDeviceId", device.IsdpDeviceId);
        if (string.IsNullOrWhiteSpace(device.ChatJid))
            problems.Add(("chatJid", "is required"));
        else if (device.ChatJid.Length > 256 || !JidPattern().IsMatch(device.ChatJid))
            problems.Add(("chatJid", "must be an XMPP address local@domain"));
        else if (device.ChatJid.Any(char.IsControl))
            problems.Add(("chatJid", "must not contain control characters"));
        if (device.Alias is { Length: > MaxAliasLength })
            problems.Add(("alias", $"must be at most {MaxAliasLength} characters"));
        else if (device.Alias is not null && device.Alias.Any(char.IsControl))
            problems.Add(("alias", "must not contain control characters"));
        if (device.AlarmSource is { } source)
        {
            var field = alarmSourceField;
            if (string.IsNullOrWhiteSpace(source.ProductId)) problems.Add(($"{field}.productId", $"is required with {field}"));
            if (string.IsNullOrWhiteSpace(source.DeviceName)) problems.Add(($"{field}.deviceName", $"is required with {field}"));
        }
        return problems;
    }

    private static void CheckId(List<(string, string)> problems, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) problems.Add((field, "is required"));
        else if (value.Length > MaxIdLength) problems.Add((field, $"must be at most {MaxIdLength} characters"));
        else if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))) problems.Add((field, "must not contain spaces or control characters"));
    }
}
