using Bot.Core.Alarms;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>
/// Hears what the other replicas announce (LISTEN on a connection of its own): new alarm work wakes this replica's
/// dispatcher at once (<see cref="AlarmSignal"/>), a change of devices, channels or mappings raises
/// <see cref="ModelChanged"/>. After a lost connection it listens again and raises both, since news may have been missed.
/// </summary>
public sealed partial class PostgresNotificationListener(
    PostgresDatabase db,
    AlarmSignal signal,
    TimeProvider time,
    ILogger<PostgresNotificationListener> log) : BackgroundService
{
    /// <summary>How long the connection may stay silent before it is checked.</summary>
    public static readonly TimeSpan Check = TimeSpan.FromSeconds(15);

    /// <summary>Devices, channels or mappings changed somewhere (argument: <c>table:key</c>, or null when what changed is unknown).</summary>
    public event Action<string?>? ModelChanged;

    /// <summary>Whether the listening connection is up (for tests and <c>/readyz</c>).</summary>
    public bool Listening { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(db.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Heard(e.Channel, e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Notifications.Work}; LISTEN {Notifications.Model}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                Listening = true;
                if (failures > 0) Missed();
                failures = 0;
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (await connection.WaitAsync(Check, stoppingToken)) continue;
                    await using var ping = new NpgsqlCommand("SELECT 1", connection);
                    await ping.ExecuteScalarAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Listening = false;
                failures++;
                LogLost(log, e);
                try { await Task.Delay(new Bot.Core.Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)).After(failures), time, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private void Heard(string channel, string payload)
    {
        if (channel == Notifications.Work) signal.Raise();
        else if (channel == Notifications.Model) ModelChanged?.Invoke(payload);
    }

    private void Missed()
    {
        signal.Raise();
        ModelChanged?.Invoke(null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for the other replicas' news failed; listening again shortly (until then new work is found by the dispatcher's periodic look)")]
    private static partial void LogLost(ILogger logger, Exception exception);
}
