using Bot.Core.Alarms;
using Bot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Storage.Postgres;

public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// PostgreSQL behind every storage port, the alarm stores included (<c>ConnectionStrings:Bot</c>; section
    /// <c>Storage:Postgres</c>). The schema is migrated at start-up, before the other services start.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PostgresOptions>()
            .Bind(configuration.GetSection(PostgresOptions.Section))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(PostgresOptions.ConnectionStringName) ?? o.ConnectionString)
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Storage:Provider=Postgres needs ConnectionStrings:Bot, e.g. Host=db;Database=bot;Username=bot;Password=… (environment variable ConnectionStrings__Bot).")
            .Validate(o => o.ChannelClaim >= TimeSpan.FromSeconds(5), "Storage:Postgres:ChannelClaim must be at least 00:00:05.")
            .ValidateOnStart();
        services.AddSingleton<PostgresDatabase>();
        services.AddHostedService<PostgresSchemaStartup>();
        services.AddSingleton<PostgresDeviceStore>();
        services.AddSingleton<IDeviceStore>(sp => sp.GetRequiredService<PostgresDeviceStore>());
        services.AddSingleton<PostgresChannelStore>();
        services.AddSingleton<IChannelStore>(sp => sp.GetRequiredService<PostgresChannelStore>());
        services.AddSingleton<IMappingStore>(sp => sp.GetRequiredService<PostgresChannelStore>());
        services.AddSingleton<PostgresCallStore>();
        services.AddSingleton<ICallStore>(sp => sp.GetRequiredService<PostgresCallStore>());
        services.AddSingleton<ICallerStore>(sp => sp.GetRequiredService<PostgresCallStore>());
        services.AddSingleton<PostgresAlarmStore>();
        services.AddSingleton<IAlarmIntakeStore>(sp => sp.GetRequiredService<PostgresAlarmStore>());
        services.AddSingleton<IAlarmOutbox>(sp => sp.GetRequiredService<PostgresAlarmStore>());
        services.AddSingleton<IAlarmQueries>(sp => sp.GetRequiredService<PostgresAlarmStore>());
        services.AddSingleton<ISilenceStore, PostgresSilenceStore>();
        services.AddSingleton<IFamilyMappingStore, PostgresFamilyMappingStore>();
        services.AddSingleton<ISigningKeyStore, PostgresSigningKeyStore>();
        services.AddSingleton<IOnCallStore, PostgresOnCallStore>();
        services.AddSingleton<IEscalationStore, PostgresEscalationStore>();
        services.AddSingleton<IStormStore, PostgresStormStore>();
        services.AddSingleton<IStorageProbe, PostgresStorageProbe>();
        services.AddSingleton<IStorageSweep, PostgresStorageSweep>();
        // Replicas: one poller, channels claimed, news heard, platform events remembered for all.
        services.AddSingleton(StoreSharing.Replicas);
        services.AddSingleton<IPollerLock, PostgresPollerLock>();
        services.AddSingleton<IChannelClaims, PostgresChannelClaims>();
        services.AddSingleton<ISeenEventStore, PostgresSeenEvents>();
        services.AddSingleton<PostgresNotificationListener>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresNotificationListener>());
        services.AddStorageRetention(configuration);
        return services;
    }
}
