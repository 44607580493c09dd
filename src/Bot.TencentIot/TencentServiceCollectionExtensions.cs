using Bot.Core.Alarms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.TencentIot;

public static class TencentServiceCollectionExtensions
{
    /// <summary>The Tencent client as the <see cref="IAlarmSource"/>, options from section <c>Tencent</c>, validated at start.</summary>
    public static IServiceCollection AddTencentIot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TencentOptions>().Bind(configuration.GetSection(TencentOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TencentOptions>, TencentOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // No retry handler: the poller retries whole polls with its own backoff; the timeout is set per request.
        services.AddHttpClient(TencentClient.HttpClientName);
        services.TryAddSingleton<TencentClient>();
        services.TryAddSingleton<IAlarmSource>(sp => sp.GetRequiredService<TencentClient>());
        return services;
    }
}
