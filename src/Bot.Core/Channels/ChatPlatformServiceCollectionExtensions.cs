using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Core.Channels;

public static class ChatPlatformServiceCollectionExtensions
{
    /// <summary>Makes <paramref name="name"/> a platform the bot speaks (each adapter's <c>Add…</c> calls it, on or off).</summary>
    public static IServiceCollection AddChatPlatform(this IServiceCollection services, string name)
    {
        services.AddSingleton(new KnownPlatform(name));
        services.TryAddSingleton<ChatPlatforms>();
        return services;
    }
}
