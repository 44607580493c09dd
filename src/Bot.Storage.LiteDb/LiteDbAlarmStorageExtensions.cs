using Bot.Core.Alarms;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Storage.LiteDb;

public static class LiteDbAlarmStorageExtensions
{
    /// <summary>The alarm relay's stores in the bot's one LiteDB file (needs <see cref="LiteDbServiceCollectionExtensions.AddLiteDbStorage"/>).</summary>
    public static IServiceCollection AddLiteDbAlarmStores(this IServiceCollection services)
    {
        // One store serves the three roles, so intake, outbox and acknowledgement share its collections and indexes.
        services.AddSingleton<LiteDbAlarmStore>();
        services.AddSingleton<IAlarmIntakeStore>(sp => sp.GetRequiredService<LiteDbAlarmStore>());
        services.AddSingleton<IAlarmOutbox>(sp => sp.GetRequiredService<LiteDbAlarmStore>());
        services.AddSingleton<IAlarmQueries>(sp => sp.GetRequiredService<LiteDbAlarmStore>());
        services.AddSingleton<IFamilyMappingStore, LiteDbFamilyMappingStore>();
        services.AddSingleton<ISilenceStore, LiteDbSilenceStore>();
        services.AddSingleton<Bot.Core.Storage.IEscalationStore, LiteDbEscalationStore>();
        services.AddSingleton<Bot.Core.Storage.IStormStore, LiteDbStormStore>();
        return services;
    }
}
