// Spec: docs/protocols/isdp.md (§1 token, §2 device call): every URL and name here is per site.
using Microsoft.Extensions.Options;

namespace Bot.Isdp;

/// <summary>Start-up validation; each message names the setting so an operator can fix it at once.</summary>
public sealed class IsdpOptionsValidator : IValidateOptions<IsdpOptions>
{
    public ValidateOptionsResult Validate(string? name, IsdpOptions options)
    {
        var failures = new List<string>();
        if (!IsHttpUrl(options.BaseUrl))
            failures.Add($"{IsdpOptions.Section}:BaseUrl must be an absolute http or https URL (got '{options.BaseUrl}').");
        Require(failures, nameof(options.ClientId), options.ClientId);
        Require(failures, nameof(options.ClientSecret), options.ClientSecret);
        Require(failures, nameof(options.Username), options.Username);
        Require(failures, nameof(options.Password), options.Password);
        if (!Uri.TryCreate(options.PropertiesNamespace, UriKind.Absolute, out _))
            failures.Add($"{IsdpOptions.Section}:PropertiesNamespace must be an absolute URI such as http://<openfire host>/xmlns/xmpp/properties.");
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5))
            failures.Add($"{IsdpOptions.Section}:Timeout must be more than 0 and at most 00:05:00 (got {options.Timeout}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    // Values are never echoed: two of them are secrets.
    private static void Require(List<string> failures, string setting, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
            failures.Add($"{IsdpOptions.Section}:{setting} is required.");
    }
}
