using System.Buffers.Text;
using System.Security.Cryptography;
using Bot.Core.Integrations;
using Bot.Isdp;
using Bot.TencentIot;
using Bot.WebChat;

namespace Bot.Playground;

/// <summary>
/// Playground mode: the real ISDP and Tencent clients talk over HTTP to the simulated ISDP and Tencent IoT Explorer
/// running in this process, the example devices are loaded and mapped to the web chat, the simulated Tencent raises
/// example alarms, and the web chat is served at the root URL.
/// </summary>
public static class PlaygroundServices
{
    public const string SeedFile = "playground-seed.json";
    public const string Channel = "web:playground";

    /// <summary>
    /// Points the bot's settings at the running <paramref name="standIns"/> and registers the playground's services;
    /// call before the bot's own registrations read those settings. The container stops the stand-ins with the application.
    /// </summary>
    public static void AddPlayground(this WebApplicationBuilder builder, PlaygroundStandIns standIns)
    {
        var config = builder.Configuration;
        config.AddInMemoryCollection(standIns.BotSettings(Channel));
        var options = config.GetSection(PlaygroundOptions.Section).Get<PlaygroundOptions>() ?? new PlaygroundOptions();
        // A fresh key every start: only who reads this process's console (the person who started it) gets the page's address.
        var accessKey = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(WebChatOptions.AccessKeyBytes));

        var services = builder.Services;
        // Registered before the bot's own default (none), so cards and /readyz say what is simulated.
        services.AddSingleton(new Simulation([IsdpHealth.Name, TencentHealth.Name]));
        // Created by a factory so the container disposes (stops) the stand-ins with the application.
        services.AddSingleton(_ => standIns);
        services.AddOptions<PlaygroundOptions>().Bind(config.GetSection(PlaygroundOptions.Section))
            .Validate(o => o.AlarmInterval >= TimeSpan.FromSeconds(1) && o.AlarmInterval <= TimeSpan.FromDays(1),
                "Playground:AlarmInterval must be between 00:00:01 and 1.00:00:00.")
            .ValidateOnStart();
        services.AddSingleton<IWebChatSideNotes, IsdpStanzaNotes>();
        services.AddHostedService<PlaygroundStartup>();
        services.AddSingleton<PlaygroundAlarms>();
        services.AddHostedService(sp => sp.GetRequiredService<PlaygroundAlarms>());
        services.AddWebChat(web =>
        {
            web.Room = Channel["web:".Length..];
            web.EveryoneIsAdmin = true;
            web.Simulated = true;
            web.AllowRemote = options.AllowRemote;
            web.AccessKey = accessKey;
        });
    }
}
