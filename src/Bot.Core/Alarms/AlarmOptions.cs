using Bot.Core.Channels;
using Microsoft.Extensions.Options;

namespace Bot.Core.Alarms;

/// <summary>
/// The alarm relay's share of settings section <c>Tencent</c>: where notifications go and in which
/// zone alarm times are shown. (The client's own settings are bound by Bot.TencentIot.)
/// </summary>
public sealed class AlarmOptions
{
    public const string Section = "Tencent";

    /// <summary>Channel keys (<c>slack:C0123</c>, <c>teams:19:…</c>) that receive category 3 notifications.</summary>
    public List<string> NotificationChannels { get; set; } = [];

    /// <summary>IANA or Windows time zone id in which alarm times are shown.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}

public sealed class AlarmOptionsValidator : IValidateOptions<AlarmOptions>
{
    public ValidateOptionsResult Validate(string? name, AlarmOptions options)
    {
        var failures = new List<string>();
        if (CoreServiceCollectionExtensions.TryFindZone(options.TimeZone) is null)
            failures.Add($"{AlarmOptions.Section}:TimeZone is not a time zone this machine knows (use an IANA id such as Asia/Shanghai).");
        for (var i = 0; i < options.NotificationChannels.Count; i++)
            if (ChannelKeys.Parse(options.NotificationChannels[i]) is null)
                failures.Add($"{AlarmOptions.Section}:NotificationChannels:{i} must be platform:id with platform slack, teams or web (got '{options.NotificationChannels[i]}').");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
