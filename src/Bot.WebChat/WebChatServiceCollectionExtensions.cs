using Bot.Core.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.WebChat;

public static class WebChatServiceCollectionExtensions
{
    /// <summary>The web chat surface (platform <c>web</c>); map its endpoints with <see cref="WebChatEndpoints.MapWebChat"/>.</summary>
    public static IServiceCollection AddWebChat(this IServiceCollection services, Action<WebChatOptions> configure)
    {
        services.AddOptions<WebChatOptions>().Configure(configure)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Room) && ChannelKeys.Parse($"{WebChatPlatform.Name}:{o.Room}") is not null, "WebChat:Room must be a channel id without spaces or control characters.")
            .Validate(o => o.AccessKey.Length >= 22, "WebChat:AccessKey must be a random key of at least 128 bits (22 base64url characters).")
            .ValidateOnStart();
        services.AddChatPlatform(WebChatPlatform.Name);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebRooms>();
        services.AddSingleton<WebChatAccess>();
        services.AddSingleton<WebChatKeyCheck>();
        services.AddSingleton<IChatSurface, WebChatSurface>();
        return services;
    }
}
