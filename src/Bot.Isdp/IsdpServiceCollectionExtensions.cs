// Spec: docs/protocols/isdp.md: wiring of the ISDP client into the host.
using Bot.Core.Calls;
using Bot.Core.Health;
using Bot.Core.Integrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Bot.Isdp;

public static class IsdpServiceCollectionExtensions
{
    /// <summary>
    /// When <c>Isdp:BaseUrl</c> is set: registers the ISDP client as the <see cref="IInviteSender"/>, with options bound
    /// from the <c>Isdp</c> section of <paramref name="configuration"/> (the root configuration) and validated at start,
    /// and its readiness check (<see cref="IsdpHealth.Name"/>). Otherwise nothing.
    /// </summary>
    public static IServiceCollection AddIsdp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!IntegrationSettings.IsOn<IsdpOptions>(configuration, IsdpOptions.Section)) return services;
        services.AddOptions<IsdpOptions>()
            .Bind(configuration.GetSection(IsdpOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IsdpOptions>, IsdpOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IntegrationOutcomes>();
        services.AddHealthChecks().Add(Readiness.Integration(IsdpHealth.Name));

        // Our own per-exchange timeout (IsdpOptions.Timeout) governs; HttpClient's would only race it.
        services.AddHttpClient(IsdpTokenSource.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            // Signing in twice is harmless, so transient token failures are retried briefly.
            .AddResilienceHandler("isdp-token", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            }));
        services.TryAddSingleton<IsdpTokenSource>();

        // No retry handler here: an invite that timed out may have reached the device.
        services.AddHttpClient<IsdpClient>(http => http.Timeout = Timeout.InfiniteTimeSpan);
        // Replace, not TryAdd: calling AddIsdp means ISDP is the sender, whatever placeholder was registered first.
        services.Replace(ServiceDescriptor.Transient<IInviteSender>(sp => sp.GetRequiredService<IsdpClient>()));
        return services;
    }
}
