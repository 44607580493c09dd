using Bot.Host;
using Bot.WebChat;

namespace Bot.Playground;

/// <summary>
/// The bot as <see cref="BotApp"/> composes it, plus, when the playground is on (<see cref="PlaygroundOptions.IsOn"/>),
/// the stand-ins and the web chat. When an integration is configured this is exactly the production bot.
/// </summary>
public static class PlaygroundApp
{
    /// <param name="args">Command-line arguments (<c>--Section:Key=value</c> overrides).</param>
    /// <param name="settings">Settings layered over everything else (tests).</param>
    /// <param name="configure">Runs after all registrations, before the build (tests replace services here).</param>
    public static async Task<WebApplication> CreateAsync(
        string[] args,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var builder = BotApp.CreateBuilder(args, settings);
        if (!PlaygroundOptions.IsOn(builder.Configuration)) return BotApp.Build(builder, configure);

        // The stand-ins start before the bot is composed, so their addresses are ordinary settings by the
        // time anything reads them; nothing waits synchronously.
        var standIns = await PlaygroundStandIns.StartAsync(BotApp.ConfiguredIntegrations(builder.Configuration), cancellationToken);
        try
        {
            builder.AddPlayground(standIns);
            var app = BotApp.Build(builder, configure);
            app.MapWebChat();
            return app;
        }
        catch
        {
            await standIns.DisposeAsync();
            throw;
        }
    }
}
