using Bot.Core.Alarms;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Storage.LiteDb;

public static class LiteDbAlarmStorageExtensions
{
    /// <summary>The alarm relay's stores in the bot's one LiteDB file (needs <see cref="LiteDbServiceCollectionExtensions.AddLiteDbStorage"/>).</summary>
    public static IServiceCollection AddLiteDbAlarmStores(this IServiceCollection services)
    {
        services.AddSingleton<IAlarmStore, LiteDbAlarmStore>();
        services.AddSingleton<IFamilyMappingStore, LiteDbFamilyMappingStore>();
        return services;
    }
}
