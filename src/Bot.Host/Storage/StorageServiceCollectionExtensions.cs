using Bot.Storage.LiteDb;
using Bot.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace Bot.Host.Storage;

public static class StorageServiceCollectionExtensions
{
    public const string LiteDb = "LiteDb";
    public const string Postgres = "Postgres";

    /// <summary>
    /// The store behind every storage port, by <c>Storage:Provider</c>: <c>LiteDb</c> (default; one process, one file) or
    /// <c>Postgres</c> (one database for several replicas, <c>ConnectionStrings:Bot</c>). Registered ahead of the bot's
    /// other services, so PostgreSQL's migrations run before anything reads.
    /// </summary>
    public static IServiceCollection AddBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration[$"{StorageOptions.Section}:Provider"] is { Length: > 0 } p ? p : LiteDb;
        if (string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            // The seed file setting is read from the same section whichever store holds the data.
            services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section));
            services.AddPostgresStorage(configuration);
            // Other replicas write devices, channels and mappings too: this replica's inventory follows their announcements.
            services.AddHostedService<InventoryFollower>();
        }
        else if (string.Equals(provider, LiteDb, StringComparison.OrdinalIgnoreCase))
        {
            services.AddLiteDbStorage(configuration);
            services.AddLiteDbAlarmStores();
        }
        else
        {
            throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions),
                [$"Storage:Provider must be {LiteDb} or {Postgres}, not '{provider}'."]);
        }
        return services;
    }
}
