using Bot.Core;
using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Options;

namespace Bot.Host.Startup;

/// <summary>
/// Marks unconfirmed calls as expired once their window has passed, so the audit shows it without anyone clicking,
/// and edits the confirmation card where its surface remembered it (<see cref="Call.SurfaceRef"/>). Also settles calls
/// left Confirmed for longer than <see cref="CallService.InterruptedAfter"/>: a replica died while sending them.
/// </summary>
public sealed partial class CallExpirySweeper(
    CallService calls,
    CallCards cards,
    DeviceDirectory devices,
    IChannelStore channels,
    ChatSurfaces surfaces,
    IOptions<BotOptions> options,
    TimeProvider time,
    ILogger<CallExpirySweeper> log) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var expired = await calls.ExpireDueAsync(stoppingToken);
                if (expired.Count > 0) LogExpired(log, expired.Count);
                foreach (var call in expired) await ShowExpiredAsync(call, stoppingToken);
                var interrupted = await calls.RecoverInterruptedAsync(time.GetUtcNow() - CallService.InterruptedAfter, stoppingToken);
                if (interrupted > 0) LogInterrupted(log, interrupted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(log, e);
            }
        }
    }

    private async Task ShowExpiredAsync(Call call, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(call.SurfaceRef)) return;
        if (await channels.FindAsync(call.ChannelKey, cancellationToken) is not { } channel || surfaces.For(channel.Platform) is not { } surface) return;
        if (await devices.FindAsync(call.DeviceId, cancellationToken) is not { } device) return;
        var t = Texts.For(call.Locale, options.Value.DefaultLocale);
        var outcome = await surface.UpdateAsync(channel, call.SurfaceRef, cards.Expired(call, device, t, options.Value.CallConfirmWindow), cancellationToken);
        if (outcome is not PostOutcome.Posted) LogNotShown(log, call.Id, outcome.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} pending call(s) expired")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} call(s) confirmed long ago never got an outcome (their process stopped) and are marked failed (not re-sent)")]
    private static partial void LogInterrupted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expiring pending calls failed; will try again")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The card of expired call {CallId} could not be edited: {Outcome}")]
    private static partial void LogNotShown(ILogger logger, string callId, string outcome);
}
