// Spec: shared/specs/tencent-iot.md §1–§3 (endpoints, signing, sign-in).
using Bot.Core.Alarms;
using Microsoft.Extensions.Options;

namespace Bot.TencentIot;

/// <summary>Start-up validation when Tencent is on; each message names the setting (values of secrets are never echoed).</summary>
public sealed class TencentOptionsValidator : IValidateOptions<TencentOptions>
{
    public ValidateOptionsResult Validate(string? name, TencentOptions o)
    {
        if (!o.Enabled) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        Url(failures, nameof(o.AppApiUrl), o.AppApiUrl);
        Url(failures, nameof(o.TokenApiUrl), o.TokenApiUrl);
        Require(failures, nameof(o.AppSecret), o.AppSecret);
        Require(failures, nameof(o.Password), o.Password);
        switch (o.LoginType?.Trim().ToLowerInvariant())
        {
            case "phone":
                Require(failures, nameof(o.CountryCode), o.CountryCode);
                Require(failures, nameof(o.PhoneNumber), o.PhoneNumber);
                break;
            case "email":
                Require(failures, nameof(o.Email), o.Email);
                break;
            default:
                failures.Add($"{TencentOptions.Section}:LoginType must be phone or email (got '{o.LoginType}').");
                break;
        }
        foreach (var category in o.Categories.Where(c => !AlarmCategory.IsKnown(c)))
            failures.Add($"{TencentOptions.Section}:Categories may only hold 1 (device), 2 (family) and 3 (notification) (got {category}).");
        if (o.PollInterval < TimeSpan.FromSeconds(1) || o.PollInterval > TimeSpan.FromHours(1))
            failures.Add($"{TencentOptions.Section}:PollInterval must be between 00:00:01 and 01:00:00 (got {o.PollInterval}).");
        if (o.RequestTimeout <= TimeSpan.Zero || o.RequestTimeout > TimeSpan.FromMinutes(2))
            failures.Add($"{TencentOptions.Section}:RequestTimeout must be more than 0 and at most 00:02:00 (got {o.RequestTimeout}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Url(List<string> failures, string setting, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            failures.Add($"{TencentOptions.Section}:{setting} must be an absolute http or https URL (got '{value}').");
    }

    private static void Require(List<string> failures, string setting, string value)
    {
        if (string.IsNullOrWhiteSpace(value)) failures.Add($"{TencentOptions.Section}:{setting} is required.");
    }
}
