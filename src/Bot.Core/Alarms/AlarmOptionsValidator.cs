using Bot.Core.Channels;
using Microsoft.Extensions.Options;

namespace Bot.Core.Alarms;

public sealed class AlarmOptionsValidator(ChatPlatforms platforms) : IValidateOptions<AlarmOptions>
{
    public ValidateOptionsResult Validate(string? name, AlarmOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.NotificationChannels.Count; i++)
            if (platforms.ParseKey(options.NotificationChannels[i]) is null)
                failures.Add($"{AlarmOptions.Section}:NotificationChannels:{i} must be platform:id with platform {platforms.Listed()} (got '{options.NotificationChannels[i]}').");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
