using System.Collections.Concurrent;
using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Core.Storms;

/// <summary>
/// Asked by a channel's lane when it finds more due than the threshold (or a full batch): if more cards wait in the channel than its platform's limit
/// posts in <c>Alarms:Backlog:ClearWithin</c> (its threshold), the oldest threshold keep their cards and every further one
/// folds into the channel's backlog summary card. Storm folding is applied first, so cards a device's storm takes anyway do
/// not count; the lane keeps its order and no card of its own waits much longer than <c>ClearWithin</c>.
/// </summary>
public sealed class BacklogFolding(
    IAlarmOutbox outbox,
    IAlarmQueries alarms,
    IStormStore store,
    ChatSurfaces surfaces,
    IOptions<BacklogOptions> options,
    IOptions<StormOptions> stormOptions,
    StormSignal signal,
    TimeProvider time,
    StormFolding? storms = null)
{
    /// <summary>The most waiting deliveries one look reads.</summary>
    public const int MaxRead = 10_000;

    /// <summary>Each channel's recent time per card (a moving average of what its posts took, the pacing waits included).</summary>
    private readonly ConcurrentDictionary<string, double> _secondsPerCard = new(StringComparer.Ordinal);
    /// <summary>Each channel found behind, until when it counts as behind (kept in memory: one replica at a time posts to a channel).</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _behindUntil = new(StringComparer.Ordinal);

    /// <summary>
    /// How many waiting cards <paramref name="channel"/> keeps before the further ones fold: half of what its platform's limit posts
    /// in <c>ClearWithin</c> (the other half is its storm and summary cards' turn), or fewer when the platform limits a larger scope that <paramref name="sharing"/> channels with work
    /// waiting share (an organisation's 50 a second, say: each channel's pace is its share, known at once rather than learnt
    /// from posts that waited), or when its recent cards went out slower still.
    /// </summary>
    public int ThresholdFor(Channel channel, int sharing = 1)
    {
        var o = options.Value;
        var surface = surfaces.For(channel.Platform);
        double perMinute = surface?.CardsPerMinute ?? o.DefaultCardsPerMinute;
        if (surface?.ScopeOperationsPerSecond is { } scopeRate && scopeRate > 0) perMinute = Math.Min(perMinute, scopeRate * 60 / Math.Max(1, sharing));
        if (_secondsPerCard.TryGetValue(channel.Key, out var seconds) && seconds > 0) perMinute = Math.Min(perMinute, 60 / seconds);
        // Half of it: the channel's own cards take turns with its storm and summary cards (ChannelTurns), which a channel this
        // busy has too, so a kept card still goes out within ClearWithin.
        return Math.Max(1, (int)(perMinute * o.ClearWithin.TotalMinutes / 2));
    }

    /// <summary>
    /// Whether the channel is behind: its queue was found beyond its threshold, or a storm alarm of it was folded into its summary
    /// (<see cref="FoldOneAsync"/>), within the last <c>ClearWithin</c>. Its lane then starts and feeds no storm card either.
    /// </summary>
    public bool IsBehind(string channelKey) =>
        options.Value.Enabled && _behindUntil.TryGetValue(channelKey, out var until) && until > time.GetUtcNow();

    /// <summary>Folds one waiting card into the channel's summary (an alarm a storm would take while the channel is behind); true when it folded.</summary>
    public async Task<bool> FoldOneAsync(AlarmDelivery delivery, Alarm alarm, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var folded = await store.FoldIntoBacklogAsync(delivery.ChannelKey, [new BacklogEntry(delivery.Id, alarm.Id, alarm.DeviceId, alarm.ReceivedAt)],
            now, stormOptions.Value.Window, cancellationToken);
        if (folded == 0) return false;
        // The flood goes on (its storm alarms cost the lane nothing, so its queue looks short): the channel stays behind.
        _behindUntil[delivery.ChannelKey] = now + options.Value.ClearWithin;
        signal.Raise();
        return true;
    }

    /// <summary>The lane posted a card into the channel; <paramref name="took"/> is how long the surface took, pacing included.</summary>
    public void Observe(string channelKey, TimeSpan took)
    {
        var seconds = Math.Max(0, took.TotalSeconds);
        _secondsPerCard.AddOrUpdate(channelKey, seconds, (_, average) => average + (seconds - average) * 0.2);
    }

    /// <summary>
    /// Folds the channel's cards beyond its threshold (<see cref="ThresholdFor"/>); returns how many folded. A channel this far
    /// behind starts and feeds no storm card either: an alarm that would start or join its device's storm goes into the summary
    /// too, so a flooded channel costs one card edited at its pace rather than one card (and its edits) per device.
    /// </summary>
    public async Task<int> FoldAsync(Channel channel, CancellationToken cancellationToken, int sharing = 1)
    {
        if (!options.Value.Enabled) return 0;
        var threshold = ThresholdFor(channel, sharing);
        var now = time.GetUtcNow();
        var waiting = (await outbox.DueInChannelAsync(channel.Key, now, MaxRead, cancellationToken)).Where(d => d.State == DeliveryState.Pending).ToList();
        if (waiting.Count <= threshold) return 0;
        _behindUntil[channel.Key] = now + options.Value.ClearWithin;
        var cards = 0;
        var further = new List<BacklogEntry>();
        foreach (var delivery in waiting)
        {
            if (await alarms.FindAsync(delivery.AlarmId, cancellationToken) is not { } alarm) continue;
            var fold = storms is null ? StormFold.OwnCard : await storms.FoldAsync(delivery, alarm, mayFold: false, cancellationToken);
            if (fold == StormFold.Folded) continue;
            if (fold == StormFold.Declined || ++cards > threshold) further.Add(new BacklogEntry(delivery.Id, alarm.Id, alarm.DeviceId, alarm.ReceivedAt));
        }
        if (further.Count == 0) return 0;
        var folded = await store.FoldIntoBacklogAsync(channel.Key, further, now, stormOptions.Value.Window, cancellationToken);
        if (folded > 0) signal.Raise();
        return folded;
    }
}
