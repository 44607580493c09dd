// Spec: docs/protocols/teams-bot-framework.md, "Configuration names" (the Bot Framework convention).
using Bot.Core.Integrations;
using Microsoft.Extensions.Configuration;

namespace Bot.Teams;

/// <summary>Configuration section <c>Teams</c>. Teams is off while <see cref="MicrosoftAppId"/> is empty.</summary>
public sealed class TeamsOptions : IIntegrationSection<TeamsOptions>
{
    public static TeamsOptions? From(IConfiguration section) => section.Get<TeamsOptions>();

    public const string Section = "Teams";
    public const string MultiTenant = "MultiTenant";
    public const string SingleTenant = "SingleTenant";

    /// <summary><c>MultiTenant</c> or <c>SingleTenant</c>: which tenant issues the bot's own tokens.</summary>
    public string MicrosoftAppType { get; set; } = MultiTenant;

    /// <summary>The Azure Bot's app (client) id: the audience of inbound tokens and the client of outbound ones.</summary>
    public string MicrosoftAppId { get; set; } = "";

    public string MicrosoftAppPassword { get; set; } = "";

    /// <summary>Required for SingleTenant.</summary>
    public string MicrosoftAppTenantId { get; set; } = "";

    /// <summary>Where the channel's signing keys are announced.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuer of the channel's tokens.</summary>
    public string ChannelIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>Client-credentials endpoint; <c>{tenant}</c> becomes <c>botframework.com</c> (MultiTenant) or the tenant id.</summary>
    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token";

    public string Scope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>The Teams app id (manifest <c>id</c>) that <c>teams-package</c> writes; empty: the bot's app id.</summary>
    public string ManifestId { get; set; } = "";

    /// <summary>AAD object ids of the people who may map and unmap devices.</summary>
    public List<string> Admins { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsSingleTenant => string.Equals(MicrosoftAppType, SingleTenant, StringComparison.OrdinalIgnoreCase);

    /// <summary>The token endpoint with the tenant filled in.</summary>
    public string ResolvedTokenEndpoint =>
        TokenEndpoint.Replace("{tenant}", IsSingleTenant ? MicrosoftAppTenantId.Trim() : "botframework.com", StringComparison.Ordinal);

    public bool IsAdmin(string? aadObjectId) =>
        !string.IsNullOrWhiteSpace(aadObjectId) && Admins.Any(a => string.Equals(a.Trim(), aadObjectId, StringComparison.OrdinalIgnoreCase));
}
