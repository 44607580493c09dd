using System.Text.Json.Serialization.Metadata;
using Bot.Core;
using Bot.Core.Calls;
using Bot.Core.Devices;
using Bot.Core.Health;
using Bot.Core.Integrations;
using Bot.Isdp;
using Bot.Host.Admin;
using Bot.Host.AdminConsole;
using Bot.Host.Alarms;
using Bot.Host.Deployment;
using Bot.Host.Health;
using Bot.Host.Startup;
using Bot.Host.Telemetry;
using Bot.Slack;
using Bot.Host.Storage;
using Bot.Teams;
using Bot.Teams.Endpoint;
using Bot.TencentIot;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Host;

/// <summary>
/// Composition of the whole bot. <see cref="Program"/> runs it; end-to-end tests build it the same way
/// with their own settings (stand-in URLs, a temporary database, port 0); the playground adds its stand-ins
/// between <see cref="CreateBuilder"/> and <see cref="Build"/>.
/// </summary>
public static class BotApp
{
    /// <param name="args">Command-line arguments (<c>--Section:Key=value</c> overrides).</param>
    /// <param name="settings">Settings layered over everything else (tests: stand-in URLs, a temporary database).</param>
    /// <param name="configure">Runs after the bot's registrations, before the build: tests replace services here (e.g. a fake TimeProvider).</param>
    public static WebApplication Create(string[] args, IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null) =>
        Build(CreateBuilder(args, settings), configure);

    /// <summary>The builder with the bot's configuration and nothing registered yet.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        // Content root = the output folder, where the repository's appsettings.json is copied;
        // environment variables (Section__Key) and the command line still override it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection(AzureBotSettings.AsTeamsSettings(builder.Configuration));
        // ASP.NET Core's own conventions choose the address (Urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS, Kestrel:Endpoints);
        // only when none is given does the bot take the playground's address. A metrics address of its own comes on top.
        if (ListenAddress.Resolve(builder.Configuration, TelemetryServiceCollectionExtensions.MetricsUrl(builder.Configuration)) is { } urls)
            builder.WebHost.UseUrls(urls);
        return builder;
    }

    /// <summary>
    /// Registers the bot and maps its endpoints. Each integration's <c>Add…</c>/<c>Map…</c> pair decides from its own
    /// options whether it is on (<see cref="Bot.Core.Integrations.IIntegrationOptions"/>).
    /// </summary>
    public static WebApplication Build(WebApplicationBuilder builder, Action<WebApplicationBuilder>? configure = null)
    {
        var config = builder.Configuration;
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddBotCore(config);
        services.AddCalls();
        services.AddBotStorage(config);
        services.AddHealthChecks().Add(Readiness.Storage());
        services.AddSingleton<DeviceSeed>();
        // HTTP answers find their JSON metadata in source-generated contexts only, in every build: the native build has no
        // reflection, so the reflection resolver is dropped here too and a type missing from the contexts fails in tests alike.
        // Devices in admin responses carry the alarm source identity under the source's field name, as the seed file does.
        services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>().Configure<DeviceJson>((o, json) =>
            o.SerializerOptions.TypeInfoResolver = JsonTypeInfoResolver.Combine(
                    [AdminJsonContext.Default, DeviceJsonContext.Default, .. o.SerializerOptions.TypeInfoResolverChain.Where(r => r is not DefaultJsonTypeInfoResolver)])
                .WithAddedModifier(json.NameFields));
        services.AddOptions<AdminOptions>().Bind(config.GetSection(AdminOptions.Section));
        services.AddSingleton<AdminKeyFilter>();
        services.AddAdminConsole();
        services.AddIsdp(config);
        // Without ISDP every call fails, saying why.
        services.TryAddSingleton<IInviteSender, UnconfiguredIsdp>();
        services.AddSlack(config);
        services.AddTeams(config);
        services.AddHostedService<BotStartup>();
        services.AddHostedService<InterruptedCallSweeper>();
        services.AddAlarmRelay(config);
        if (ConfiguredIntegrations(config).Count == 0) services.AddHostedService<NothingConfiguredNotice>();
        builder.AddBotTelemetry();
        configure?.Invoke(builder);

        TrustedProxies.Read(config);
        var app = builder.Build();
        app.UseTrustedProxies();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealth();
        app.MapBotMetrics();
        app.MapAdmin();
        app.MapAdminConsole();
        app.MapSlack();
        app.MapAlarmAdmin();
        app.MapTeams();
        // The document maps every admin route: for admins only, like the routes themselves.
        app.MapOpenApi().AddEndpointFilter<IEndpointConventionBuilder, AdminKeyFilter>();
        return app;
    }

    /// <summary>The integrations that are on, each decided by its own options exactly as its <c>Add…</c> decides.</summary>
    public static IReadOnlyList<string> ConfiguredIntegrations(IConfiguration config)
    {
        var on = new List<string>();
        if (IntegrationSettings.IsOn<IsdpOptions>(config, IsdpOptions.Section)) on.Add(IsdpOptions.Section);
        if (IntegrationSettings.IsOn<SlackOptions>(config, SlackOptions.Section)) on.Add(SlackOptions.Section);
        if (IntegrationSettings.IsOn<TeamsOptions>(config, TeamsOptions.Section)) on.Add(TeamsOptions.Section);
        if (IntegrationSettings.IsOn<TencentOptions>(config, TencentOptions.Section)) on.Add(TencentOptions.Section);
        return on;
    }
}
