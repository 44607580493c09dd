// Spec: docs/protocols/teams-bot-framework.md, "Configuration names" (the Bot Framework convention).
using Microsoft.Extensions.Configuration;

namespace Bot.Teams;

/// <summary>
/// The names Azure's bot templates and App Service set at the top level (<c>MicrosoftAppId</c>, …), read as the
/// <c>Teams</c> section's settings of the same name wherever that section leaves them empty, so a deployment
/// configured the Azure way turns Teams on without renaming anything.
/// </summary>
public static class AzureBotSettings
{
    public static readonly IReadOnlyList<string> Names =
    [
        nameof(TeamsOptions.MicrosoftAppType), nameof(TeamsOptions.MicrosoftAppId),
        nameof(TeamsOptions.MicrosoftAppPassword), nameof(TeamsOptions.MicrosoftAppTenantId),
    ];

    /// <summary>The <c>Teams:</c> settings to layer over <paramref name="configuration"/>: a top-level name fills its empty counterpart.</summary>
    public static Dictionary<string, string?> AsTeamsSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new Dictionary<string, string?>();
        foreach (var name in Names)
        {
            var topLevel = configuration[name];
            var key = $"{TeamsOptions.Section}:{name}";
            // The section's MultiTenant is appsettings.json's default, so a top-level type replaces it.
            var sectionValue = configuration[key];
            var sectionEmpty = string.IsNullOrWhiteSpace(sectionValue)
                || (name == nameof(TeamsOptions.MicrosoftAppType) && string.Equals(sectionValue, TeamsOptions.MultiTenant, StringComparison.OrdinalIgnoreCase));
            if (!string.IsNullOrWhiteSpace(topLevel) && sectionEmpty) settings[key] = topLevel;
        }
        return settings;
    }
}
