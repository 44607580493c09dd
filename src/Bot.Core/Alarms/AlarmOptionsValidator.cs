using Bot.Core.Channels;
using Microsoft.Extensions.Options;

namespace Bot.Core.Alarms;

public sealed class AlarmOptionsValidator : IValidateOptions<AlarmOptions>
{
    public ValidateOptionsResult Validate(string? name, AlarmOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.NotificationChannels.Count; i++)
            if (ChannelKeys.Parse(options.NotificationChannels[i]) is null)
                failures.Add($"{AlarmOptions.Section}:NotificationChannels:{i} must be platform:id with platform slack, teams or web (got '{options.NotificationChannels[i]}').");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
