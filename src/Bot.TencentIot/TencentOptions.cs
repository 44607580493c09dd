// Spec: shared/specs/tencent-iot.md §1–§3 (endpoints, signing, sign-in).
using Bot.Core.Alarms;
using Bot.Core.Integrations;
using Microsoft.Extensions.Options;

namespace Bot.TencentIot;

/// <summary>
/// Settings section <c>Tencent</c>: the IoT Explorer application the bot reads alarms from, as one
/// service user. Without an <see cref="AppKey"/> the Tencent poller is off.
/// (<c>NotificationChannels</c> and <c>TimeZone</c> of the same section are the relay's: <see cref="AlarmOptions"/>.)
/// </summary>
public sealed class TencentOptions : IIntegrationOptions
{
    public const string Section = "Tencent";

    public string AppApiUrl { get; set; } = "https://iot.cloud.tencent.com/api/exploreropen/appapi";
    public string TokenApiUrl { get; set; } = "https://iot.cloud.tencent.com/api/exploreropen/tokenapi";
    public string AppKey { get; set; } = "";
    /// <summary>A secret: set it by environment variable (<c>Tencent__AppSecret</c>).</summary>
    public string AppSecret { get; set; } = "";
    /// <summary><c>phone</c> or <c>email</c>.</summary>
    public string LoginType { get; set; } = "phone";
    public string CountryCode { get; set; } = "86";
    public string PhoneNumber { get; set; } = "";
    public string Email { get; set; } = "";
    /// <summary>A secret: the service user's password (<c>Tencent__Password</c>).</summary>
    public string Password { get; set; } = "";
    /// <summary>Which message categories to poll (1 device, 2 family, 3 notification).</summary>
    public List<int> Categories { get; set; } = [];
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>How long one HTTP exchange with Tencent may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(AppKey);

    /// <summary>The configured categories, or all three when none are listed.</summary>
    public IReadOnlyList<int> PolledCategories => Categories.Count == 0 ? AlarmCategory.All : Categories.Distinct().Order().ToList();
}

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
