// Spec: shared/specs/teams-bot-framework.md, "Configuration names" (the Bot Framework convention).
using Bot.Core.Integrations;
using Microsoft.Extensions.Options;

namespace Bot.Teams;

/// <summary>Configuration section <c>Teams</c>. Teams is off while <see cref="MicrosoftAppId"/> is empty.</summary>
public sealed class TeamsOptions : IIntegrationOptions
{
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

/// <summary>Start-up validation of an enabled Teams section; each message names the setting, never a secret's value.</summary>
public sealed class TeamsOptionsValidator : IValidateOptions<TeamsOptions>
{
    internal const string TokenPathSuffix = "/oauth2/v2.0/token";

    public ValidateOptionsResult Validate(string? name, TeamsOptions o)
    {
        if (!o.Enabled) return ValidateOptionsResult.Success;
        var failures = new List<string>();
        var s = TeamsOptions.Section;
        if (!Guid.TryParse(o.MicrosoftAppId, out _))
            failures.Add($"{s}:MicrosoftAppId must be the bot's app id (a GUID).");
        if (!string.Equals(o.MicrosoftAppType, TeamsOptions.MultiTenant, StringComparison.OrdinalIgnoreCase) && !o.IsSingleTenant)
            failures.Add($"{s}:MicrosoftAppType must be MultiTenant or SingleTenant (got '{o.MicrosoftAppType}').");
        if (string.IsNullOrWhiteSpace(o.MicrosoftAppPassword))
            failures.Add($"{s}:MicrosoftAppPassword is required when {s}:MicrosoftAppId is set.");
        if (o.IsSingleTenant && string.IsNullOrWhiteSpace(o.MicrosoftAppTenantId))
            failures.Add($"{s}:MicrosoftAppTenantId is required for SingleTenant.");
        if (!IsHttps(o.OpenIdMetadataUrl))
            failures.Add($"{s}:OpenIdMetadataUrl must be an absolute https URL (got '{o.OpenIdMetadataUrl}').");
        if (string.IsNullOrWhiteSpace(o.ChannelIssuer))
            failures.Add($"{s}:ChannelIssuer is required.");
        // The token client (MSAL) takes an authority: the endpoint without its fixed suffix, over https.
        if (!IsHttps(o.ResolvedTokenEndpoint) || !o.ResolvedTokenEndpoint.EndsWith(TokenPathSuffix, StringComparison.OrdinalIgnoreCase))
            failures.Add($"{s}:TokenEndpoint must be an https URL ending in {TokenPathSuffix} (got '{o.TokenEndpoint}').");
        if (string.IsNullOrWhiteSpace(o.Scope))
            failures.Add($"{s}:Scope is required.");
        if (o.Admins.Any(a => !Guid.TryParse(a, out _)))
            failures.Add($"{s}:Admins must list AAD object ids (GUIDs).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttps(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
