using Bot.Core;
using Bot.Core.Alarms;
using Bot.Core.Health;
using Bot.Storage.LiteDb;
using Bot.TencentIot;
using Microsoft.Extensions.Options;

namespace Bot.Host.Alarms;

public static class AlarmRelayServiceCollectionExtensions
{
    public const string HealthName = "tencent";

    /// <summary>
    /// The alarm relay: stores, routing, cards, the Acknowledge handler and the dispatcher always (they
    /// serve whatever is in the outbox); the Tencent client and poller only when <c>Tencent:AppKey</c> is set.
    /// </summary>
    public static IServiceCollection AddAlarmRelay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlarmOptions>().Bind(configuration.GetSection(AlarmOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlarmOptions>, AlarmOptionsValidator>();
        services.AddLiteDbAlarmStores();
        services.AddAlarms();
        services.AddSingleton<PollerStatus>();
        services.AddSingleton<AlarmRouter>();
        services.AddSingleton<AlarmDispatcher>();
        services.AddHostedService<AlarmDispatchService>();

        var tencent = configuration.GetSection(TencentOptions.Section).Get<TencentOptions>() ?? new TencentOptions();
        if (tencent.Enabled)
        {
            services.AddTencentIot(configuration);
            services.AddSingleton<AlarmPoller>();
            services.AddHostedService<AlarmPollingService>();
        }
        return services;
    }
}
