using Bot.Core.Cards;
using Bot.Core.Devices;
using Bot.Core.Health;
using Bot.Core.Integrations;
using Bot.Core.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bot.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The domain services every surface uses. Each feature adds its own services and card verbs beside these
    /// (<c>AddCalls</c>, <c>AddAlarms</c>); storage and the invite sender are added by their own modules.
    /// </summary>
    public static IServiceCollection AddBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotOptions>()
            .Bind(configuration.GetSection(BotOptions.Section))
            .Validate(o => o.CallConfirmWindow >= BotOptions.MinCallConfirmWindow && o.CallConfirmWindow <= BotOptions.MaxCallConfirmWindow,
                BotOptions.CallConfirmWindowProblem)
            .Validate(o => TryFindZone(o.TimeZone) is not null, "Bot:TimeZone is not a time zone this machine knows (use an IANA id such as Asia/Shanghai).")
            .ValidateOnStart();
        // The attributes' rules, checked by source-generated code (no reflection over the options type).
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IntegrationOutcomes>();
        // The playground registers its own before this; production never simulates anything.
        services.TryAddSingleton(Simulation.None);
        services.AddSingleton(sp => new BotClock(
            sp.GetRequiredService<TimeProvider>(),
            TryFindZone(sp.GetRequiredService<IOptions<BotOptions>>().Value.TimeZone) ?? TimeZoneInfo.Utc));
        services.AddSingleton<Inventory>();
        services.AddSingleton<DeviceDirectory>();
        services.TryAddSingleton<Telemetry.AlarmMetrics>();
        services.TryAddSingleton<Telemetry.CallMetrics>();
        services.TryAddSingleton<Telemetry.PlatformMetrics>();
        services.AddSingleton<CardActions>();
        services.AddSingleton<OnCall.OnCallRoster>();
        services.AddSingleton<ChatRequests>();
        services.AddSingleton<Channels.ChatSurfaces>();
        // One process remembers platform events in memory; a store shared by replicas registers its own.
        services.TryAddSingleton<Storage.ISeenEventStore, Storage.InProcessSeenEvents>();
        services.AddSingleton<Channels.PlatformEvents>();
        services.TryAddSingleton(Storage.StoreSharing.None);
        // The platforms themselves come from the adapters' registrations (AddChatPlatform).
        services.TryAddSingleton<Channels.ChatPlatforms>();
        // Registered first, so it stops last: the surfaces' follow-ups finish before the host goes down.
        services.AddSingleton<Channels.FollowUpWork>();
        services.AddHostedService(sp => sp.GetRequiredService<Channels.FollowUpWork>());
        return services;
    }

    public static TimeZoneInfo? TryFindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return null; }
    }
}
