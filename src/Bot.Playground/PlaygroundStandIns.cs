using System.Security.Cryptography;
using Bot.Core.Calls;
using Bot.StandIns;
using Bot.StandIns.Tencent;

namespace Bot.Playground;

/// <summary>The stand-ins this process runs; disposed (stopped) with the application's services.</summary>
public sealed class PlaygroundStandIns(IsdpStandIn isdp, TencentStandIn tencent, IReadOnlyList<string> configuredIntegrations) : IAsyncDisposable
{
    /// <summary>What the simulated ISDP checks in every invite (the site namespace of the documented example).</summary>
    public const string PropertiesNamespace = "http://isdp-saas-sit.test.huawei.com/xmlns/xmpp/properties";

    public IsdpStandIn Isdp { get; } = isdp;
    public TencentStandIn Tencent { get; } = tencent;

    /// <summary>Integrations that were configured although the playground is on (ISDP and Tencent are overridden).</summary>
    public IReadOnlyList<string> ConfiguredIntegrations { get; } = configuredIntegrations;

    /// <summary>Starts a simulated ISDP and Tencent IoT Explorer on free loopback ports, with fresh credentials.</summary>
    public static async Task<PlaygroundStandIns> StartAsync(IReadOnlyList<string> configuredIntegrations, CancellationToken cancellationToken = default)
    {
        // Fresh credentials each run: the simulated services accept only this process's clients.
        var isdp = await IsdpStandIn.StartAsync(new IsdpStandInSettings
        {
            ClientId = "isdp-playground-openapi",
            ClientSecret = "isdp-playground-openapi",
            Username = "playground-app",
            Password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            PlatUser = new IsdpCaller(864711, "zhang_sit", "Zhang123456", 886),
            PropertiesNamespace = PropertiesNamespace,
        }, cancellationToken);
        try
        {
            var tencent = await TencentStandIn.StartAsync(new TencentStandInSettings
            {
                AppKey = "playground-app-key",
                AppSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                Password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            }, cancellationToken);
            return new PlaygroundStandIns(isdp, tencent, configuredIntegrations);
        }
        catch
        {
            await isdp.DisposeAsync();
            throw;
        }
    }

    /// <summary>The settings that point the bot's real ISDP and Tencent clients at the stand-ins.</summary>
    public IReadOnlyDictionary<string, string?> BotSettings(string notificationChannel)
    {
        var settings = new Dictionary<string, string?>(Tencent.BotSettings())
        {
            // The stand-in is in-process: polling it often costs nothing and makes alarms appear promptly.
            ["Tencent:PollInterval"] = "00:00:02",
            ["Alarms:NotificationChannels:0"] = notificationChannel,
            ["Isdp:BaseUrl"] = Isdp.BaseUrl,
            ["Isdp:ClientId"] = Isdp.Settings.ClientId,
            ["Isdp:ClientSecret"] = Isdp.Settings.ClientSecret,
            ["Isdp:Username"] = Isdp.Settings.Username,
            ["Isdp:Password"] = Isdp.Settings.Password,
            ["Isdp:PropertiesNamespace"] = PropertiesNamespace,
        };
        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await Isdp.DisposeAsync();
        await Tencent.DisposeAsync();
    }
}
