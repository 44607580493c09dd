using Bot.Core.Calls;
using Bot.Core.Devices;
using Bot.Core.Storage;
using Bot.Storage.LiteDb;
using Microsoft.Extensions.Options;

namespace Bot.Host.Startup;

/// <summary>
/// Runs once before the bot takes requests: loads the seed file (idempotent) and settles calls a
/// previous run left half-done (Confirmed without an outcome becomes Failed; never sent again). Calls a dead replica
/// left half-done are settled by <see cref="InterruptedCallSweeper"/> on the replicas still running.
/// </summary>
public sealed partial class BotStartup(DeviceSeed seed, CallService calls, IOptions<StorageOptions> storage, StoreSharing sharing, TimeProvider time, ILogger<BotStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage.Value.SeedFile is { Length: > 0 } path)
        {
            if (!File.Exists(path)) throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions), [$"Storage:SeedFile {path} does not exist."]);
            var (devices, mappings) = await seed.LoadAsync(path, cancellationToken);
            LogSeeded(log, path, devices, mappings);
        }
        // Beside other replicas, a recent confirmation may be one of theirs under way: only old ones were interrupted.
        var interrupted = sharing.WithOtherProcesses
            ? await calls.RecoverInterruptedAsync(time.GetUtcNow() - CallService.InterruptedAfter, cancellationToken)
            : await calls.RecoverInterruptedAsync(cancellationToken);
        if (interrupted > 0) LogInterrupted(log, interrupted);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Devices} device(s) from {Path}; {Mappings} new mapping(s)")]
    private static partial void LogSeeded(ILogger logger, string path, int devices, int mappings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} call(s) were interrupted by the last stop and are marked failed (not re-sent)")]
    private static partial void LogInterrupted(ILogger logger, int count);
}
