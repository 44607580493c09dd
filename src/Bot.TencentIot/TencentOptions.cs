// Spec: docs/protocols/tencent-iot.md §1–§3 (endpoints, signing, sign-in).
using Bot.Core.Integrations;
using Microsoft.Extensions.Configuration;

namespace Bot.TencentIot;

/// <summary>
/// Settings section <c>Tencent</c>: the IoT Explorer application the bot reads alarms from, as one
/// service user. Without an <see cref="AppKey"/> the Tencent poller is off. (Where notifications go is the
/// relay's <c>Alarms:NotificationChannels</c>; message times are Unix milliseconds, so no zone is needed.)
/// </summary>
public sealed class TencentOptions : IIntegrationSection<TencentOptions>
{
    public static TencentOptions? From(IConfiguration section) => section.Get<TencentOptions>();

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
    public IReadOnlyList<int> PolledCategories => Categories.Count == 0 ? TencentCategory.All : Categories.Distinct().Order().ToList();
}
