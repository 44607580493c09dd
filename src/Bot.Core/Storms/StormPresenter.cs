using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Storms;

/// <summary>
/// Posts each storm's card (and each backlog summary) and edits it in place at a calm pace (<c>Alarms:Storms:EditInterval</c>)
/// until it shows every alarm it holds. The surfaces pace their channels, so these posts share each channel's limit with its lane.
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
    ILogger<StormPresenter> log,
    ChannelTurns? turns = null)
{
    private readonly Lock _gate = new();
    /// <summary>Per channel, the storm cards waiting for its worker (by storm id, so each waits once).</summary>
    private readonly Dictionary<string, Dictionary<string, Storm>> _waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _workers = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the storm cards that are behind and due and hands each to its channel's worker (started when none runs); returns
    /// how many were handed over. A channel's cards go one after another (its surface paces it) and the channels each on
    /// their own, so a slow channel holds up neither another one nor the next look.
    /// </summary>
    public async Task<int> ShowDueAsync(CancellationToken cancellationToken)
    {
        var storms = await store.StormsToShowAsync(time.GetUtcNow(), cancellationToken);
        lock (_gate)
        {
            foreach (var storm in storms)
            {
                if (!_waiting.TryGetValue(storm.ChannelKey, out var waiting)) _waiting[storm.ChannelKey] = waiting = new(StringComparer.Ordinal);
                waiting[storm.Id] = storm;
                if (!_workers.ContainsKey(storm.ChannelKey)) _workers[storm.ChannelKey] = RunChannelAsync(storm.ChannelKey, cancellationToken);
            }
        }
        return storms.Count;
    }

    private async Task RunChannelAsync(string channelKey, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Storm next;
                int owed;
                lock (_gate)
                {
                    // Ending and handing over are decided under one lock: a card handed over finds either this worker or none.
                    if (!_waiting.TryGetValue(channelKey, out var waiting) || waiting.Count == 0)
                    {
                        _waiting.Remove(channelKey);
                        _workers.Remove(channelKey);
                        return;
                    }
                    // A card not yet posted shows alarms nobody sees yet: it goes before edits of cards already in the channel.
                    next = waiting.Values.OrderBy(s => s.MessageRef is null ? 0 : 1).ThenBy(s => s.NextEditAt).First();
                    waiting.Remove(next.Id);
                    owed = waiting.Count + 1;
                }
                try
                {
                    // Read again: a card handed over while it was being shown may show all it holds already, or wait for its pace.
                    if (await store.FindStormAsync(next.Id, cancellationToken) is { } storm && storm.ShownCount != storm.AlarmIds.Count
                        && storm.NextEditAt <= time.GetUtcNow())
                        await ShowAsync(storm, owed, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogShowFailed(log, e, next.Id);   // the card stays behind: a later look hands it over again
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        lock (_gate)
        {
            _waiting.Remove(channelKey);
            _workers.Remove(channelKey);
        }
    }

    /// <summary>
    /// When a card shown now may be edited next: after <c>EditInterval</c>, or, when its channel's surface is slower than that
    /// (a conversation that shares its organisation's budget with many others, say), after as long as the channel's owed cards take in turn at
    /// the pace this one went out, so a channel's edits never ask for more than its share and its own cards keep their turn.
    /// </summary>
    public static DateTimeOffset NextEditAt(DateTimeOffset now, TimeSpan editInterval, TimeSpan took, int owed)
    {
        var turn = took * Math.Max(1, owed);
        return now + (turn > editInterval ? turn : editInterval);
    }

    private async Task<bool> ShowAsync(Storm storm, int owed, CancellationToken cancellationToken)
    {
        var sending = time.GetUtcNow();
        var channel = await channels.FindAsync(storm.ChannelKey, cancellationToken) ?? ChannelKeys.Parse(storm.ChannelKey);
        if (channel is null || surfaces.For(channel.Platform) is not { } surface) return false;
        var latest = await alarms.FindAsync(storm.AlarmIds[^1], cancellationToken);
        var reply = cards.Build(storm, latest, Texts.For(null, botOptions.Value.DefaultLocale));
        PostOutcome outcome;
        try
        {
            // The channel's lane takes turns with these cards: one pace per channel.
            if (turns is not null) await turns.TakeAsync(storm.ChannelKey, cancellationToken);
            try
            {
                outcome = storm.MessageRef is { } messageRef
                    ? await surface.UpdateAsync(channel, messageRef, reply, cancellationToken)
                    : await surface.PostAsync(channel, reply, cancellationToken);
            }
            finally { turns?.Give(storm.ChannelKey); }
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
        var now = time.GetUtcNow();
        await store.MarkStormShownAsync(storm.Id, storm.MessageRef ?? posted.MessageRef, storm.AlarmIds.Count,
            NextEditAt(now, options.Value.EditInterval, now - sending, owed), cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Showing storm card {StormId} failed; a later look tries again")]
    private static partial void LogShowFailed(ILogger logger, Exception exception, string stormId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storm card {StormId} not shown yet ({Outcome})")]
    private static partial void LogNotShown(ILogger logger, string stormId, string outcome);
}
