// Spec: docs/protocols/isdp.md (§1 token, §2 device call): every URL and name here is per site.
using Bot.Core.Integrations;
using Microsoft.Extensions.Configuration;

namespace Bot.Isdp;

/// <summary>Configuration section <c>Isdp</c>: one ISDP site the bot is an OpenAPI client of. Off while <see cref="BaseUrl"/> is empty.</summary>
public sealed class IsdpOptions : IIntegrationSection<IsdpOptions>
{
    public static IsdpOptions? From(IConfiguration section) => section.Get<IsdpOptions>();

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
