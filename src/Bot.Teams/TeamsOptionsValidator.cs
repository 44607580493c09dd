// Spec: docs/protocols/teams-bot-framework.md, "Configuration names" (the Bot Framework convention).
using Microsoft.Extensions.Options;

namespace Bot.Teams;

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
