using Microsoft.Extensions.Configuration;

namespace Bot.Core.Integrations;

/// <summary>Reads an integration's section before the container exists, the way every <c>Add…</c> decides whether it is on.</summary>
public static class IntegrationSettings
{
    public static TOptions Read<TOptions>(IConfiguration configuration, string section) where TOptions : class, IIntegrationSection<TOptions>, new() =>
        TOptions.From(configuration.GetSection(section)) ?? new TOptions();

    public static bool IsOn<TOptions>(IConfiguration configuration, string section) where TOptions : class, IIntegrationSection<TOptions>, new() =>
        Read<TOptions>(configuration, section).Enabled;
}
