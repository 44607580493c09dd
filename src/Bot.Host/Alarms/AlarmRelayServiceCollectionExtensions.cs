using Bot.Core;
using Bot.Core.Alarms;
using Bot.Core.Integrations;
using Bot.Storage.LiteDb;
using Bot.TencentIot;
using Microsoft.Extensions.Options;

namespace Bot.Host.Alarms;

public static class AlarmRelayServiceCollectionExtensions
{
    /// <summary>
    /// The alarm relay: stores, routing, cards, the Acknowledge handler and the dispatcher always (they
    /// serve whatever is in the outbox); the Tencent client and poller only when <c>Tencent:AppKey</c> is set.
    /// </summary>
    public static IServiceCollection AddAlarmRelay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlarmOptions>().Bind(configuration.GetSection(AlarmOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlarmOptions>, AlarmOptionsValidator>();
        services.AddLiteDbAlarmStores();
        services.AddSingleton<AlarmSignal>();
        services.AddSingleton<PollerStatus>();
        services.AddSingleton<AlarmRouter>();
        services.AddSingleton<AlarmCards>();
        services.AddSingleton<AlarmDispatcher>();
        services.AddSingleton<AlarmAcknowledger>();
        services.AddSingleton<ICardActionHandler>(sp => sp.GetRequiredService<AlarmAcknowledger>());
        services.AddHostedService<AlarmDispatchService>();

        services.AddTencentIot(configuration);
        if (IntegrationSettings.IsOn<TencentOptions>(configuration, TencentOptions.Section))
        {
            services.AddSingleton<AlarmPoller>();
            services.AddHostedService<AlarmPollingService>();
        }
        return services;
    }
}
