using Bot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Storage.LiteDb;

public static class LiteDbServiceCollectionExtensions
{
    /// <summary>LiteDB behind every storage port: one database per process (section <c>Storage</c>).</summary>
    public static IServiceCollection AddLiteDbStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.LiteDb), "Storage:LiteDb must name the database file, e.g. Filename=data/bot.db.")
            .ValidateOnStart();
        services.AddSingleton<BotDatabase>();
        services.AddSingleton<LiteDbDeviceStore>();
        services.AddSingleton<IDeviceStore>(sp => sp.GetRequiredService<LiteDbDeviceStore>());
        services.AddSingleton<LiteDbChannelStore>();
        services.AddSingleton<IChannelStore>(sp => sp.GetRequiredService<LiteDbChannelStore>());
        services.AddSingleton<IMappingStore>(sp => sp.GetRequiredService<LiteDbChannelStore>());
        services.AddSingleton<LiteDbCallStore>();
        services.AddSingleton<ICallStore>(sp => sp.GetRequiredService<LiteDbCallStore>());
        services.AddSingleton<ICallerStore>(sp => sp.GetRequiredService<LiteDbCallStore>());
        services.AddSingleton<ISigningKeyStore, LiteDbSigningKeyStore>();
        services.AddSingleton<IOnCallStore, LiteDbOnCallStore>();
        services.AddSingleton<IStorageProbe, LiteDbStorageProbe>();
        services.AddSingleton<IStorageSweep, LiteDbStorageSweep>();
        services.AddStorageRetention(configuration);
        return services;
    }
}
