using System.Security.Cryptography;
using Bot.Core.Calls;
using Bot.StandIns;
using Bot.StandIns.Tencent;
using Bot.WebChat;

namespace Bot.Host.Playground;

/// <summary>
/// Playground mode: the real ISDP and Tencent clients talk over HTTP to a simulated ISDP and Tencent IoT Explorer
/// running in this process, the example devices are loaded and mapped to the web chat, the simulated Tencent raises
/// example alarms, and the web chat is served at the root URL.
/// </summary>
public static class PlaygroundServices
{
    /// <summary>What the simulated ISDP checks in every invite (the site namespace of the documented example).</summary>
    public const string PropertiesNamespace = "http://isdp-saas-sit.test.huawei.com/xmlns/xmpp/properties";
    public const string SeedFile = "playground-seed.json";
    public const string Channel = "web:playground";

    /// <summary>
    /// Starts the stand-ins and points the bot's settings at them; call before anything reads those settings.
    /// The stand-ins stop with the application.
    /// </summary>
    public static void AddPlayground(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var options = config.GetSection(PlaygroundOptions.Section).Get<PlaygroundOptions>() ?? new PlaygroundOptions();
        var configured = PlaygroundOptions.IntegrationKeys.Where(key => !string.IsNullOrWhiteSpace(config[key])).ToList();

        // Fresh credentials each run: the simulated ISDP accepts only this process's client.
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var isdp = IsdpStandIn.StartAsync(new IsdpStandInSettings
        {
            ClientId = "isdp-playground-openapi",
            ClientSecret = "isdp-playground-openapi",
            Username = "playground-app",
            Password = secret,
            PlatUser = new IsdpCaller(864711, "zhang_sit", "Zhang123456", 886),
            PropertiesNamespace = PropertiesNamespace,
        }).GetAwaiter().GetResult();
        var tencent = TencentStandIn.StartAsync(new TencentStandInSettings
        {
            AppKey = "playground-app-key",
            AppSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
        }).GetAwaiter().GetResult();

        config.AddInMemoryCollection(tencent.BotSettings());
        config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // The stand-in is in-process: polling it often costs nothing and makes alarms appear promptly.
            ["Tencent:PollInterval"] = "00:00:02",
            ["Alarms:NotificationChannels:0"] = Channel,
            ["Isdp:BaseUrl"] = isdp.BaseUrl,
            ["Isdp:ClientId"] = isdp.Settings.ClientId,
            ["Isdp:ClientSecret"] = isdp.Settings.ClientSecret,
            ["Isdp:Username"] = isdp.Settings.Username,
            ["Isdp:Password"] = isdp.Settings.Password,
            ["Isdp:PropertiesNamespace"] = PropertiesNamespace,
        });

        var services = builder.Services;
        var standIns = new PlaygroundStandIns(isdp, tencent, configured);
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
        });
    }
}

/// <summary>The stand-ins this process runs; disposed (stopped) with the application's services.</summary>
public sealed class PlaygroundStandIns(IsdpStandIn isdp, TencentStandIn tencent, IReadOnlyList<string> configuredIntegrations) : IAsyncDisposable
{
    public IsdpStandIn Isdp { get; } = isdp;
    public TencentStandIn Tencent { get; } = tencent;

    /// <summary>Integration settings that were present although the playground is on (they are overridden or unused).</summary>
    public IReadOnlyList<string> ConfiguredIntegrations { get; } = configuredIntegrations;

    public async ValueTask DisposeAsync()
    {
        await Isdp.DisposeAsync();
        await Tencent.DisposeAsync();
    }
}
