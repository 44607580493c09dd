using Bot.Core.Alarms;
using Bot.Core.Health;
using Bot.Core.Integrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.TencentIot;

public static class TencentServiceCollectionExtensions
{
    /// <summary>
    /// When <c>Tencent:AppKey</c> is set: the Tencent client as the <see cref="IAlarmSource"/>, options from section
    /// <c>Tencent</c>, validated at start, and the poller's readiness check (<see cref="TencentHealth.Name"/>). Otherwise nothing.
    /// </summary>
    public static IServiceCollection AddTencentIot(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IntegrationSettings.IsOn<TencentOptions>(configuration, TencentOptions.Section)) return services;
        services.AddOptions<TencentOptions>().Bind(configuration.GetSection(TencentOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TencentOptions>, TencentOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IntegrationOutcomes>();
        services.AddHealthChecks().Add(Readiness.Integration(TencentHealth.Name));
        // No retry handler: the poller retries whole polls with its own backoff; the timeout is set per request.
        services.AddHttpClient(TencentClient.HttpClientName);
        services.TryAddSingleton<TencentClient>();
        services.TryAddSingleton<IAlarmSource>(sp => sp.GetRequiredService<TencentClient>());
        return services;
    }
}
