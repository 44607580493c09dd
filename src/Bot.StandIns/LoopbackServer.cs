using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.StandIns;

/// <summary>What every stand-in runs on: Kestrel on the loopback address, a free port, no logging of its own.</summary>
internal static class LoopbackServer
{
    /// <summary>A server on <c>http://127.0.0.1:0</c>, or on what <paramref name="listen"/> sets up (HTTPS).</summary>
    public static WebApplication Create(Action<KestrelServerOptions>? listen = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (listen is null) builder.WebHost.UseUrls("http://127.0.0.1:0");
        else builder.WebHost.ConfigureKestrel(listen);
        builder.Logging.ClearProviders();
        return builder.Build();
    }

    /// <summary>Starts the server; returns its base URL with the port it was given.</summary>
    public static async Task<string> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }
}
