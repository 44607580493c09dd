using Bot.Core;
using Bot.Core.Alarms;
using Bot.TencentIot;
using Microsoft.Extensions.Options;

namespace Bot.Host.Alarms;

public static class AlarmRelayServiceCollectionExtensions
{
    /// <summary>
    /// The alarm relay (its stores come with the storage provider): the intake, routing, cards, the Acknowledge handler and the dispatcher
    /// always (they serve whatever is in the outbox); then each alarm source, which switches itself on
    /// from its own settings (Tencent: <c>Tencent:AppKey</c>).
    /// </summary>
    public static IServiceCollection AddAlarmRelay(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlarmOptions>().Bind(configuration.GetSection(AlarmOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlarmOptions>, AlarmOptionsValidator>();
        services.AddAlarms();
        services.AddSingleton<PollerStatus>();
        services.AddSingleton<AlarmRouter>();
        services.AddSingleton<AlarmIntake>();
        services.AddSingleton<Bot.Core.Channels.ChannelTurns>();
        services.AddSingleton<AlarmDispatcher>();
        services.AddHostedService<AlarmDispatchService>();
        services.AddHostedService<SilenceEndService>();
        services.AddOptions<Bot.Core.Escalation.EscalationOptions>().Bind(configuration.GetSection(Bot.Core.Escalation.EscalationOptions.Section));
        services.AddSingleton<Bot.Core.Escalation.AlarmEscalator>();
        services.AddHostedService<EscalationService>();
        services.AddOptions<Bot.Core.Storms.StormOptions>().Bind(configuration.GetSection(Bot.Core.Storms.StormOptions.Section));
        services.AddSingleton<Bot.Core.Storms.StormFolding>();
        services.AddOptions<Bot.Core.Storms.BacklogOptions>().Bind(configuration.GetSection(Bot.Core.Storms.BacklogOptions.Section));
        services.AddSingleton<Bot.Core.Storms.BacklogFolding>();
        services.AddSingleton<Bot.Core.Storms.StormPresenter>();
        services.AddHostedService<StormService>();

        services.AddTencentIot(configuration);
        return services;
    }
}
