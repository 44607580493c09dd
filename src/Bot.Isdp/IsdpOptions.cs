// Spec: shared/specs/isdp.md (§1 token, §2 device call): every URL and name here is per site.
using Bot.Core.Integrations;
using Microsoft.Extensions.Options;

namespace Bot.Isdp;

/// <summary>Configuration section <c>Isdp</c>: one ISDP site the bot is an OpenAPI client of. Off while <see cref="BaseUrl"/> is empty.</summary>
public sealed class IsdpOptions : IIntegrationOptions
{
    public const string Section = "Isdp";

    /// <summary>The site's OpenAPI root, e.g. <c>https://isdp.example.com</c>.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>OAuth2 client id from the site's console.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Same value as <see cref="ClientId"/> on the documented sites, but kept apart.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The API account's application ID.</summary>
    public string Username { get; set; } = "";

    /// <summary>The API account's application token.</summary>
    public string Password { get; set; } = "";

    /// <summary><c>http://{openfire host}/xmlns/xmpp/properties</c> of the site's XMPP server.</summary>
    public string PropertiesNamespace { get; set; } = "";

    /// <summary>How long one HTTP exchange with ISDP may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}

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
