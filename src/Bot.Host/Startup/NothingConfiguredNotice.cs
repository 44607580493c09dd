namespace Bot.Host.Startup;

/// <summary>
/// Registered when no integration is configured: the production bot then serves only its admin API, so it says
/// how to connect one, and where the no-account playground is.
/// </summary>
public sealed partial class NothingConfiguredNotice(ILogger<NothingConfiguredNotice> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogNothingConfigured(log);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No integration is configured (Isdp:BaseUrl, Slack, Teams:MicrosoftAppId, Tencent:AppKey): see the README to connect one, or run `dotnet run --project src/Bot.Playground` to try the bot without accounts")]
    private static partial void LogNothingConfigured(ILogger logger);
}
