using System.Security.Cryptography;
using Bot.Core.Calls;
using Bot.StandIns;
using Bot.WebChat;

namespace Bot.Host.Playground;

/// <summary>
/// Playground mode: the real ISDP client talks over HTTP to a simulated ISDP running in this process, the
/// example devices are loaded and mapped to the web chat, and the web chat is served at the root URL.
/// </summary>
public static class PlaygroundServices
{
    /// <summary>What the simulated ISDP checks in every invite (the site namespace of the documented example).</summary>
    public const string PropertiesNamespace = "http://isdp-saas-sit.test.huawei.com/xmlns/xmpp/properties";
    public const string SeedFile = "playground-seed.json";

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

        config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Isdp:BaseUrl"] = isdp.BaseUrl,
            ["Isdp:ClientId"] = isdp.Settings.ClientId,
            ["Isdp:ClientSecret"] = isdp.Settings.ClientSecret,
            ["Isdp:Username"] = isdp.Settings.Username,
            ["Isdp:Password"] = isdp.Settings.Password,
            ["Isdp:PropertiesNamespace"] = PropertiesNamespace,
        });

        var services = builder.Services;
        services.AddSingleton(new PlaygroundStandIns(isdp, configured));
        services.AddSingleton<IWebChatSideNotes, IsdpStanzaNotes>();
        services.AddHostedService<PlaygroundStartup>();
        services.AddWebChat(web =>
        {
            web.Room = "playground";
            web.EveryoneIsAdmin = true;
            web.Simulated = true;
            web.AllowRemote = options.AllowRemote;
        });
    }
}

/// <summary>The stand-ins this process runs; disposed (stopped) with the application's services.</summary>
public sealed class PlaygroundStandIns(IsdpStandIn isdp, IReadOnlyList<string> configuredIntegrations) : IAsyncDisposable
{
    public IsdpStandIn Isdp { get; } = isdp;

    /// <summary>Integration settings that were present although the playground is on (they are overridden or unused).</summary>
    public IReadOnlyList<string> ConfiguredIntegrations { get; } = configuredIntegrations;

    public ValueTask DisposeAsync() => Isdp.DisposeAsync();
}
