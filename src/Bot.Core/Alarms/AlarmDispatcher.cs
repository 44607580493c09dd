using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Alarms;

/// <summary>
/// Works through the outbox: posts each pending delivery's card through its channel's surface and
/// stores the message reference; edits posted cards that need it (acknowledged). Transient failures
/// are retried with exponential backoff (or the platform's Retry-After); permanent ones are marked
/// with the reason. Surfaces pace themselves within their platform's limits; deliveries go one at a
/// time, oldest alarm first.
/// </summary>
public sealed partial class AlarmDispatcher(
    IAlarmStore store,
    IDeviceStore devices,
    IChannelStore channels,
    ChatSurfaces surfaces,
    AlarmCards cards,
    IOptions<BotOptions> botOptions,
    TimeProvider time,
    ILogger<AlarmDispatcher> log)
{
    public const int BatchSize = 50;
    public const int MaxAttempts = 20;
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(5);

    /// <summary>Handles what is due now; returns how many deliveries it worked on.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var due = await store.DueAsync(time.GetUtcNow(), BatchSize, cancellationToken);
        foreach (var delivery in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await HandleAsync(delivery, cancellationToken);
        }
        return due.Count;
    }

    public static TimeSpan Backoff(int attempts)
    {
        var seconds = FirstRetry.TotalSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxRetry.TotalSeconds));
    }

    private async Task HandleAsync(AlarmDelivery delivery, CancellationToken cancellationToken)
    {
        var alarm = await store.FindAsync(delivery.AlarmId, cancellationToken);
        if (alarm is null)
        {
            await store.MarkFailedAsync(delivery.Id, "the alarm is gone", cancellationToken);
            return;
        }
        var channel = await channels.FindAsync(delivery.ChannelKey, cancellationToken) ?? ChannelKeys.Parse(delivery.ChannelKey);
        if (channel is null)
        {
            await store.MarkFailedAsync(delivery.Id, $"'{delivery.ChannelKey}' is not a channel key", cancellationToken);
            return;
        }
        var device = alarm.DeviceId is { } id ? await devices.FindAsync(id, cancellationToken) : null;
        var reply = cards.Build(alarm, device, Texts.For(null, botOptions.Value.DefaultLocale));
        var showsAck = alarm.Acknowledgement is not null;
        var editing = delivery.State == DeliveryState.Posted;

        PostOutcome outcome;
        var surface = surfaces.For(channel.Platform);
        if (surface is null)
        {
            // The platform may be configured later; keep the card until then (within the attempts).
            outcome = new PostOutcome.Transient($"no {channel.Platform} surface is configured");
        }
        else
        {
            try
            {
                outcome = editing
                    ? await surface.UpdateAsync(channel, delivery.MessageRef!, reply, cancellationToken)
                    : await surface.PostAsync(channel, reply, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                outcome = new PostOutcome.Transient(e.Message);
            }
        }

        switch (outcome)
        {
            case PostOutcome.Posted posted when editing:
                await store.MarkRefreshedAsync(delivery.Id, showsAck, cancellationToken);
                LogEdited(log, alarm.Id, delivery.ChannelKey);
                break;
            case PostOutcome.Posted posted:
                await store.MarkPostedAsync(delivery.Id, posted.MessageRef, showsAck, time.GetUtcNow(), cancellationToken);
                LogPosted(log, alarm.Id, delivery.ChannelKey);
                break;
            case PostOutcome.Transient transient when delivery.Attempts + 1 >= MaxAttempts:
                await store.MarkFailedAsync(delivery.Id, $"gave up after {MaxAttempts} attempts: {transient.Reason}", cancellationToken);
                LogGaveUp(log, alarm.Id, delivery.ChannelKey, transient.Reason);
                break;
            case PostOutcome.Transient transient:
                var wait = Backoff(delivery.Attempts + 1);
                if (transient.RetryAfter is { } after && after > wait) wait = after;
                await store.MarkRetryAsync(delivery.Id, transient.Reason, time.GetUtcNow() + wait, cancellationToken);
                LogRetry(log, alarm.Id, delivery.ChannelKey, transient.Reason, wait);
                break;
            case PostOutcome.Permanent permanent:
                await store.MarkFailedAsync(delivery.Id, permanent.Reason, cancellationToken);
                LogPermanent(log, alarm.Id, delivery.ChannelKey, permanent.Reason);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm {AlarmId} posted to {ChannelKey}")]
    private static partial void LogPosted(ILogger logger, string alarmId, string channelKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm {AlarmId} card edited in {ChannelKey}")]
    private static partial void LogEdited(ILogger logger, string alarmId, string channelKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alarm {AlarmId} to {ChannelKey} failed ({Reason}); retrying in {Wait}")]
    private static partial void LogRetry(ILogger logger, string alarmId, string channelKey, string reason, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm {AlarmId} to {ChannelKey} gave up: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string alarmId, string channelKey, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm {AlarmId} to {ChannelKey} failed permanently: {Reason}")]
    private static partial void LogPermanent(ILogger logger, string alarmId, string channelKey, string reason);
}
