using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Storms;

/// <summary>
/// Posts each storm's card and edits it in place at a calm pace (<c>Alarms:Storms:EditInterval</c>) until it shows every
/// alarm it holds. The surfaces pace their channels, so these posts share each channel's limit with its lane.
/// </summary>
public sealed partial class StormPresenter(
    IStormStore store,
    IAlarmQueries alarms,
    IChannelStore channels,
    ChatSurfaces surfaces,
    StormCards cards,
    IOptions<StormOptions> options,
    IOptions<BotOptions> botOptions,
    TimeProvider time,
    ILogger<StormPresenter> log)
{
    /// <summary>
    /// Posts or edits every storm card that is behind and due; returns how many were shown. Each channel's cards go one
    /// after another and all channels at once: the surfaces pace each channel, so a pass takes as long as its busiest
    /// channel, not the sum of every channel's waits.
    /// </summary>
    public async Task<int> ShowDueAsync(CancellationToken cancellationToken)
    {
        var shown = 0;
        var storms = await store.StormsToShowAsync(time.GetUtcNow(), cancellationToken);
        await Task.WhenAll(storms.GroupBy(s => s.ChannelKey, StringComparer.Ordinal).Select(async channel =>
        {
            await Task.Yield();
            foreach (var storm in channel)
                if (await ShowAsync(storm, cancellationToken)) Interlocked.Increment(ref shown);
        }));
        return shown;
    }

    private async Task<bool> ShowAsync(Storm storm, CancellationToken cancellationToken)
    {
        var channel = await channels.FindAsync(storm.ChannelKey, cancellationToken) ?? ChannelKeys.Parse(storm.ChannelKey);
        if (channel is null || surfaces.For(channel.Platform) is not { } surface) return false;
        var latest = await alarms.FindAsync(storm.AlarmIds[^1], cancellationToken);
        var reply = cards.Build(storm, latest, Texts.For(null, botOptions.Value.DefaultLocale));
        PostOutcome outcome;
        try
        {
            outcome = storm.MessageRef is { } messageRef
                ? await surface.UpdateAsync(channel, messageRef, reply, cancellationToken)
                : await surface.PostAsync(channel, reply, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            outcome = new PostOutcome.Transient(e.Message);
        }
        if (outcome is not PostOutcome.Posted posted)
        {
            // Left behind: the next pass tries again (a storm card is one message, edited in place, so a repeat is harmless).
            LogNotShown(log, storm.Id, outcome.ToString());
            return false;
        }
        await store.MarkStormShownAsync(storm.Id, storm.MessageRef ?? posted.MessageRef, storm.AlarmIds.Count, time.GetUtcNow() + options.Value.EditInterval, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storm card {StormId} not shown yet ({Outcome})")]
    private static partial void LogNotShown(ILogger logger, string stormId, string outcome);
}
