using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Core.Storage;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// The daily sweep of old history (setting <c>Storage:RetentionDays</c>, checked at start-up). Added by each store's
    /// module, which registers its <see cref="IStorageSweep"/>.
    /// </summary>
    public static IServiceCollection AddStorageRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.Section))
            .Validate(o => o.RetentionDays is >= 1 and <= RetentionOptions.MaxRetentionDays,
                $"Storage:RetentionDays must be a whole number of days from 1 to {RetentionOptions.MaxRetentionDays} (default 90).")
            .ValidateOnStart();
        services.AddHostedService<RetentionSweeper>();
        return services;
    }
}
