using Bot.Core.Channels;
using Bot.Core.Storms;
using Microsoft.Extensions.Options;

namespace Bot.Host.Alarms;

/// <summary>
/// Shows storm cards and backlog summaries: woken when an alarm folds, and every <c>Alarms:Storms:EditInterval</c> on the
/// injected clock for edits that waited.
/// </summary>
public sealed class StormService(StormPresenter presenter, StormSignal signal, ChatSurfaces surfaces, IOptions<StormOptions> options, IOptions<BacklogOptions> backlog, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if ((!options.Value.Enabled && !backlog.Value.Enabled) || surfaces.Platforms.Count == 0) return;
        await Task.Yield();
        var interval = options.Value.EditInterval > TimeSpan.Zero ? options.Value.EditInterval : TimeSpan.FromSeconds(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = signal.Next;
            try
            {
                await presenter.ShowDueAsync(stoppingToken);
                using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(wake, Task.Delay(interval, time, sleeping.Token));
                await sleeping.CancelAsync();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
        }
    }
}
