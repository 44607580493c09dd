using Bot.Core.Escalation;
using Microsoft.Extensions.Options;

namespace Bot.Host.Alarms;

/// <summary>Takes due escalation steps every <c>Alarms:Escalation:CheckInterval</c> on the injected clock; off when no policy has steps.</summary>
public sealed class EscalationService(AlarmEscalator escalator, IOptions<EscalationOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.Steps.Count == 0 && o.Channels.All(c => c.Steps.Count == 0)) return;
        await Task.Yield();
        using var timer = new PeriodicTimer(o.CheckInterval > TimeSpan.Zero ? o.CheckInterval : TimeSpan.FromSeconds(10), time);
        try
        {
            do
            {
                // A full batch: more may be due at once, so the next pass comes without waiting.
                while (await escalator.RunDueAsync(stoppingToken) >= AlarmEscalator.Batch && !stoppingToken.IsCancellationRequested) { }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
