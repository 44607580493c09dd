// Spec: docs/protocols/slack.md (settings of a Slack app).
using Microsoft.Extensions.Options;

namespace Bot.Slack;

/// <summary>Start-up validation; messages name the setting and never echo a secret.</summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            failures.Add($"{SlackOptions.Section}:ApiBaseUrl must be an absolute http or https URL (got '{options.ApiBaseUrl}').");
        if (options.PostingEnabled && !options.BotToken.StartsWith("xoxb-", StringComparison.Ordinal))
            failures.Add($"{SlackOptions.Section}:BotToken must be a bot token starting with xoxb-.");
        if (options.SocketModeEnabled && !options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
            failures.Add($"{SlackOptions.Section}:AppToken must be an app-level token starting with xapp-.");
        foreach (var admin in options.Admins)
            if (string.IsNullOrWhiteSpace(admin) || admin.Any(c => !char.IsAsciiLetterOrDigit(c)))
                failures.Add($"{SlackOptions.Section}:Admins must hold Slack user ids such as U0123ABCD (got '{admin}').");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
