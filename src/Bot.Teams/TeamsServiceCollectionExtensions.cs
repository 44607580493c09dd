// Spec: docs/protocols/teams-bot-framework.md: wiring of the Teams adapter into the host.
using Bot.Core.Channels;
using Bot.Core.Health;
using Bot.Core.Integrations;
using Bot.Teams.Auth;
using Bot.Teams.Connector;
using Bot.Teams.Endpoint;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Teams;

public static class TeamsServiceCollectionExtensions
{
    /// <summary>
    /// Binds the <c>Teams</c> section (validated at start) and, when <c>Teams:MicrosoftAppId</c> is set, registers the
    /// token validation, the connector client, Teams as an <see cref="IChatSurface"/> and its readiness check (<see cref="TeamsHealth.Name"/>). No app id: Teams stays off.
    /// </summary>
    public static IServiceCollection AddTeams(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(TeamsOptions.Section);
        services.AddOptions<TeamsOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TeamsOptions>, TeamsOptionsValidator>());
        // Known even when off, so stored channels and seed files naming Teams stay valid.
        services.AddChatPlatform(TeamsPlatform.Name);
        if (!IntegrationSettings.IsOn<TeamsOptions>(configuration, TeamsOptions.Section)) return services;

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IntegrationOutcomes>();
        services.AddHealthChecks().Add(Readiness.Integration(TeamsHealth.Name));
        services.AddHttpClient(ChannelSigningKeys.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        services.AddHttpClient(BotTokenSource.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient(BotConnector.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<ChannelSigningKeys>();
        services.AddSingleton<ChannelTokenValidator>();
        services.AddSingleton<BotTokenSource>();
        services.AddSingleton<ConversationPacer>();
        services.AddSingleton<BotConnector>();
        services.AddSingleton<TeamsSurface>();
        services.AddSingleton<IChatSurface>(sp => sp.GetRequiredService<TeamsSurface>());
        services.AddSingleton<TeamsActivities>();
        return services;
    }
}
