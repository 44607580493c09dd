using System.Threading.Channels;
using Bot.Core.Devices;
using Bot.Storage.Postgres;

namespace Bot.Host.Storage;

/// <summary>
/// Keeps this replica's <see cref="Inventory"/> in step with the other replicas' writes: each change the database
/// announces (<see cref="PostgresNotificationListener.ModelChanged"/>) refreshes the changed device or channel at once;
/// a burst (an import) or news that may have been missed (the listening connection was lost) reloads everything.
/// </summary>
public sealed partial class InventoryFollower(PostgresNotificationListener listener, Inventory inventory, ILogger<InventoryFollower> log) : BackgroundService
{
    /// <summary>More changes than this waiting at once are read as one reload.</summary>
    public const int ReloadAbove = 100;

    private readonly Channel<string?> _changes = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        listener.ModelChanged += Heard;
        try
        {
            while (await _changes.Reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<string?>();
                while (batch.Count <= ReloadAbove && _changes.Reader.TryRead(out var change)) batch.Add(change);
                try
                {
                    await FollowAsync(batch, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(log, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            listener.ModelChanged -= Heard;
        }
    }

    private void Heard(string? change) => _changes.Writer.TryWrite(change);

    private async Task FollowAsync(List<string?> batch, CancellationToken cancellationToken)
    {
        if (batch.Count > ReloadAbove || batch.Contains(null))
        {
            while (_changes.Reader.TryRead(out _)) { }   // the reload reads them all
            await inventory.ReloadAsync(cancellationToken);
            return;
        }
        foreach (var change in batch.Distinct(StringComparer.Ordinal))
        {
            var colon = change!.IndexOf(':', StringComparison.Ordinal);
            var (table, key) = (change[..colon], change[(colon + 1)..]);
            var parts = key.Split('\t');
            switch (table)
            {
                case "devices":
                    await inventory.RefreshDeviceAsync(key, cancellationToken);
                    break;
                case "channels":
                    await inventory.RefreshChannelAsync(key, cancellationToken);
                    break;
                case "mappings" when parts.Length == 2:
                    await inventory.RefreshChannelAsync(parts[0], cancellationToken);
                    await inventory.RefreshDeviceAsync(parts[1], cancellationToken);
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following another replica's change of devices, channels or mappings failed; the next change or a reload catches up")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
