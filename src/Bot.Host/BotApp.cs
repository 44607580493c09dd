using Bot.Core;
using Bot.Core.Calls;
using Bot.Core.Devices;
using Bot.Core.Health;
using Bot.Isdp;
using Bot.Host.Admin;
using Bot.Host.Alarms;
using Bot.Host.Health;
using Bot.Host.Playground;
using Bot.Host.Startup;
using Bot.Slack;
using Bot.Storage.LiteDb;
using Bot.WebChat;
using Bot.Teams;
using Bot.Teams.Endpoint;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Host;

/// <summary>
/// Composition of the whole bot. <see cref="Program"/> runs it; end-to-end tests build it the same way
/// with their own settings (stand-in URLs, a temporary database, port 0).
/// </summary>
public static class BotApp
{
    /// <param name="args">Command-line arguments (<c>--Section:Key=value</c> overrides).</param>
    /// <param name="settings">Settings layered over everything else (tests: stand-in URLs, a temporary database).</param>
    /// <param name="configure">Runs after the bot's registrations, before the build: tests replace services here (e.g. a fake TimeProvider).</param>
    public static WebApplication Create(string[] args, IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        // Content root = the output folder, where the repository's appsettings.json is copied;
        // environment variables (Section__Key) and the command line still override it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        var config = builder.Configuration;
        var services = builder.Services;
        // First: the playground points the ISDP settings at its simulated ISDP before anything reads them.
        var playground = PlaygroundOptions.IsOn(config);
        if (playground) builder.AddPlayground();

        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddBotCore(config);
        services.AddCalls();
        services.AddLiteDbStorage(config);
        services.AddSingleton<DeviceSeed>();
        services.AddOptions<AdminOptions>().Bind(config.GetSection(AdminOptions.Section));
        services.AddSingleton<AdminKeyFilter>();
        if (IsConfigured(config, "Isdp:BaseUrl")) services.AddIsdp(config);
        else services.TryAddSingleton<IInviteSender, UnconfiguredIsdp>();
        services.AddSlack(config);
        services.AddTeams(config);
        services.AddHostedService<BotStartup>();
        services.AddHostedService<CallExpirySweeper>();
        services.AddAlarmRelay(config);
        configure?.Invoke(builder);

        var app = builder.Build();
        if (IsConfigured(config, "Isdp:BaseUrl")) app.Services.GetRequiredService<IntegrationHealth>().Configured("isdp");
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealth();
        app.MapAdmin();
        app.MapSlack();
        app.MapAlarmAdmin();
        app.MapTeams();
        app.MapOpenApi();
        if (playground) app.MapWebChat();
        return app;
    }

    /// <summary>An integration is on when its key setting has a value; otherwise it stays off and the bot still runs.</summary>
    public static bool IsConfigured(IConfiguration config, string key) => !string.IsNullOrWhiteSpace(config[key]);
}
