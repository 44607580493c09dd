// Spec: docs/protocols/slack.md: wiring of the Slack app into the host.
using Bot.Core.Channels;
using Bot.Core.Health;
using Bot.Core.Integrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Bot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>
    /// Registers Slack from the <c>Slack</c> section of <paramref name="configuration"/>: HTTP endpoints with a
    /// signing secret, the chat surface with a bot token, Socket Mode with an app token. Nothing set: nothing runs.
    /// </summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SlackOptions.Section);
        services.AddOptions<SlackOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        // Known even when off, so stored channels and seed files naming Slack stay valid.
        services.AddChatPlatform(SlackPlatform.Name);

        var settings = IntegrationSettings.Read<SlackOptions>(configuration, SlackOptions.Section);
        if (!settings.Enabled) return services;

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IntegrationOutcomes>();
        services.AddHealthChecks().Add(Readiness.Integration(SlackHealth.Name));
        // The chat surface paces and retries itself (it must see every 429); no second retry layer here.
        // Held by singletons, so connections are recycled by the handler instead of by the factory.
        services.AddHttpClient<SlackWebApi>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        // Replacing a message through its response_url is idempotent, so transient failures may be retried.
        services.AddHttpClient<SlackResponder>(SlackResponder.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("slack-response", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(500),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            }));
        services.AddSingleton<SlackPeople>();
        services.AddSingleton<SlackEventLog>();
        services.AddSingleton<SlackGate>();
        services.AddSingleton<SlackRequestHandler>();

        if (settings.PostingEnabled)
        {
            services.AddSingleton<SlackChatSurface>();
            services.AddSingleton<IChatSurface>(sp => sp.GetRequiredService<SlackChatSurface>());
        }
        if (settings.SocketModeEnabled)
        {
            services.AddSingleton<SlackSocketMode>();
            services.AddHostedService(sp => sp.GetRequiredService<SlackSocketMode>());
        }
        return services;
    }
}
