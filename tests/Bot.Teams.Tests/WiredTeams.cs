using Bot.StandIns.Teams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Teams.Tests;

/// <summary>The Teams integration as the host wires it, pointed at a stand-in of its own, with the clock the test gives.</summary>
internal sealed class WiredTeams : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private WiredTeams(TeamsStandIn standIn, TimeProvider time)
    {
        StandIn = standIn;
        var config = new ConfigurationBuilder().AddInMemoryCollection(standIn.BotSettings()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton(new Bot.Core.Health.IntegrationOutcomes(time));
        services.AddTeams(config);
        services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(standIn.CreateTrustingHandler));
        _services = services.BuildServiceProvider();
    }

    public TeamsStandIn StandIn { get; }

    public static async Task<WiredTeams> StartAsync(TimeProvider time, TeamsStandInSettings? settings = null) =>
        new(await TeamsStandIn.StartAsync(settings ?? new TeamsStandInSettings()), time);

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await StandIn.DisposeAsync();
    }
}
