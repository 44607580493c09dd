using Bot.Core.Alarms;
using Bot.Core.Health;
using Bot.Core.Integrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Bot.Core.Devices;

namespace Bot.TencentIot;

public static class TencentServiceCollectionExtensions
{
    /// <summary>
    /// Tencent IoT Explorer as an alarm source: options from section <c>Tencent</c> (validated at start),
    /// the client, the poller and its polling service, which hands what it reads to the Core's
    /// <see cref="AlarmIntake"/>, and the poller's readiness check (<see cref="TencentHealth.Name"/>).
    /// Only the device JSON naming (<see cref="TencentDevices.Field"/>) is added when <c>Tencent:AppKey</c> is empty (Tencent is off).
    /// </summary>
    public static IServiceCollection AddTencentIot(this IServiceCollection services, IConfiguration configuration)
    {
        // Devices carry their Tencent identity under "tencent" in seed files and the admin API, on or off.
        services.TryAddSingleton(new DeviceJson(TencentDevices.Field));
        if (!IntegrationSettings.IsOn<TencentOptions>(configuration, TencentOptions.Section)) return services;
        services.AddTencentClient(configuration);
        services.TryAddSingleton<IntegrationOutcomes>();
        services.AddHealthChecks().Add(Readiness.Integration(TencentHealth.Name));
        services.TryAddSingleton<TencentPoller>();
        services.AddHostedService<TencentPollingService>();
        return services;
    }

    /// <summary>Only the client as the <see cref="ITencentMessageList"/>, options validated at start (no polling).</summary>
    public static IServiceCollection AddTencentClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TencentOptions>().Bind(configuration.GetSection(TencentOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TencentOptions>, TencentOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // No retry handler: the poller retries whole polls with its own backoff; the timeout is set per request.
        services.AddHttpClient(TencentClient.HttpClientName);
        services.TryAddSingleton<TencentClient>();
        services.TryAddSingleton<ITencentMessageList>(sp => sp.GetRequiredService<TencentClient>());
        return services;
    }
}
