using Bot.Core.Devices;
using Bot.WebChat;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Bot.Playground;

/// <summary>Loads the example devices, says loudly what is simulated, and prints the page's address once the bot listens.</summary>
public sealed partial class PlaygroundStartup(
    DeviceSeed seed,
    PlaygroundStandIns standIns,
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<WebChatOptions> webChat,
    ILogger<PlaygroundStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (standIns.ConfiguredIntegrations.Count > 0)
            LogOverridden(log, string.Join(", ", standIns.ConfiguredIntegrations));
        LogSimulatedIsdp(log, standIns.Isdp.BaseUrl);
        LogSimulatedTencent(log, standIns.Tencent.BaseUrl);
        var path = Path.Combine(AppContext.BaseDirectory, PlaygroundServices.SeedFile);
        var (devices, mappings) = await seed.LoadAsync(path, cancellationToken);
        LogSeeded(log, devices, mappings);
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in PageUrls(server, webChat.Value.AccessKey)) LogOpen(log, url);
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Where a browser on this machine reaches the page: the bound addresses, wildcards as localhost, each with the
    /// per-start key in its fragment (<c>#key=…</c>; browsers never send a fragment, the page reads it).
    /// </summary>
    public static IEnumerable<string> PageUrls(IServer server, string accessKey)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri)) continue;
            var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
            yield return new UriBuilder(uri.Scheme, host, uri.Port, "/") { Fragment = "key=" + accessKey }.Uri.ToString();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PLAYGROUND: SIMULATED ISDP at {BaseUrl} (in this process; no real device is called)")]
    private static partial void LogSimulatedIsdp(ILogger logger, string baseUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PLAYGROUND: SIMULATED Tencent IoT Explorer at {BaseUrl} (in this process; it raises example alarms)")]
    private static partial void LogSimulatedTencent(ILogger logger, string baseUrl);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PLAYGROUND is on (Playground:Enabled=true) although {Integrations} are configured: ISDP and Tencent are simulated, the other settings still apply")]
    private static partial void LogOverridden(ILogger logger, string integrations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Playground: {Devices} example device(s) mapped to web:playground ({Mappings} new mapping(s))")]
    private static partial void LogSeeded(ILogger logger, int devices, int mappings);

    [LoggerMessage(Level = LogLevel.Information, Message = "Open {Url} to chat with the bot (the address carries this start's key: only who has it gets in)")]
    private static partial void LogOpen(ILogger logger, string url);
}
