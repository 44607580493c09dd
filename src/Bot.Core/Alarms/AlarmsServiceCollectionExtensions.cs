using Bot.Core.Cards;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Core.Alarms;

public static class AlarmsServiceCollectionExtensions
{
    /// <summary>
    /// The alarm feature's Core side: its cards, the signal that wakes the outbox and one handler per card verb.
    /// The store, the outbox's dispatcher and the alarm sources are added by their own modules. One process polls and
    /// posts alone unless the store registered its own <see cref="IPollerLock"/> and <see cref="IChannelClaims"/> first.
    /// </summary>
    public static IServiceCollection AddAlarms(this IServiceCollection services)
    {
        services.AddSingleton<AlarmSignal>();
        services.TryAddSingleton<IPollerLock, SingleProcessPollerLock>();
        services.TryAddSingleton<IChannelClaims, SingleProcessChannelClaims>();
        services.AddSingleton<AlarmCards>();
        services.AddSingleton<AlarmList>();
        services.AddSingleton<DeviceSilences>();
        services.AddSingleton<ICardActionHandler, AlarmSilencer>();
        services.AddSingleton<ICardActionHandler, AlarmListPager>();
        services.AddSingleton<AlarmStateChanges>();
        foreach (var (verb, transition) in AlarmStateButton.All)
            services.AddSingleton<ICardActionHandler>(sp => new AlarmStateButton(verb, transition, sp.GetRequiredService<AlarmStateChanges>()));
        services.AddSingleton<Storms.StormSignal>();
        services.AddSingleton<Storms.StormCards>();
        services.AddSingleton<Storms.StormStateChanges>();
        services.AddSingleton<ICardActionHandler, Storms.StormAcknowledger>();
        services.AddSingleton<ICardActionHandler, Storms.StormResolver>();
        return services;
    }
}
