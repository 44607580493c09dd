using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Alarms;

/// <summary>
/// Works through the outbox: posts each pending delivery's card through its channel's surface and
/// stores the message reference; edits posted cards that need it (the alarm's state changed). Transient failures
/// are retried with exponential backoff (or the platform's Retry-After); permanent ones are marked
/// with the reason. Surfaces pace themselves within their platform's limits. Every channel with due work
/// gets a lane of its own that posts its cards one after another, oldest first: a channel keeps its order
/// and has one card on its way at a time, and a paced, slow or failing channel holds up no other one
/// (fan-out is bound by the platforms' limits, not by the sum of their waits). With several replicas a lane first claims
/// its channel's pacing scope (<see cref="IChatSurface.PacingScope"/>, <see cref="IChannelClaims"/>) and renews the claim
/// before each card, so one replica posts to a channel, and to a budget the platform shares between channels, at a time;
/// a replica taking a scope over waits until the previous holder's posts no longer count in the platform's windows.
/// </summary>
public sealed partial class AlarmDispatcher(
    IAlarmOutbox store,
    IAlarmQueries alarms,
    IDeviceStore devices,
    IChannelStore channels,
    ChatSurfaces surfaces,
    IChannelClaims claims,
    AlarmCards cards,
    IOptions<BotOptions> botOptions,
    IOptions<AlarmOptions> alarmOptions,
    TimeProvider time,
    ILogger<AlarmDispatcher> log,
    Telemetry.AlarmMetrics? metrics = null,
    IOnCallStore? onCall = null,
    Escalation.AlarmEscalator? escalator = null,
    Storms.StormFolding? storms = null,
    Storms.BacklogFolding? backlog = null,
    ChannelTurns? turns = null)
{
    /// <summary>How many of its deliveries a lane reads at a time.</summary>
    public const int LaneBatch = 20;
    /// <summary>A scope another replica holds is asked for again at the latest after this long (it may have been given back).</summary>
    public static readonly TimeSpan HeldElsewhereRecheck = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _lanes = new(StringComparer.Ordinal);
    // By pacing scope: this replica's lanes in it, when a taken-over scope may be posted to, whose claim is another replica's.
    private readonly Dictionary<string, int> _lanesInScope = new(StringComparer.Ordinal);
    // By pacing scope: when each of its channels last had a lane at work here (their share of the scope's budget counts them all).
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _busyInScope = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _notBefore = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _heldElsewhere = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Scope, TimeSpan Quiet)> _scopeOf = new(StringComparer.Ordinal);
    private TaskCompletionSource _laneEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a lane ends: its channel may have more work, and the look should be taken again.</summary>
    public Task LaneEnded { get { lock (_gate) return _laneEnded.Task; } }
    public const int MaxAttempts = 20;
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(5);
    /// <summary>
    /// A post that may have arrived (timeout, 5xx) is posted again this often, no more: neither platform offers an
    /// idempotency key, so each such repost may show the card once more. Known refusals (429) do not count.
    /// </summary>
    public const int MaxUnknownOutcomeReposts = 1;

    /// <summary>Starts a lane for each channel that has due work and no lane yet; returns how many lanes run now.</summary>
    public async Task<int> StartLanesAsync(CancellationToken cancellationToken)
    {
        var channels = await store.ChannelsWithDueAsync(time.GetUtcNow(), cancellationToken);
        foreach (var channel in channels)
        {
            lock (_gate)
                if (_lanes.ContainsKey(channel)) continue;
            var (scope, quiet) = await ScopeOfAsync(channel, cancellationToken);
            var now = time.GetUtcNow();
            bool ours;
            lock (_gate)
            {
                // Another replica's lanes have the scope: its cards are that replica's to post (asked again when its claim may have run out).
                if (_heldElsewhere.TryGetValue(scope, out var until) && until > now) continue;
                ours = _lanesInScope.ContainsKey(scope);
            }
            if (!ours)
            {
                var claim = await claims.TryClaimAsync(scope, quiet, cancellationToken);
                lock (_gate)
                {
                    if (!claim.Held)
                    {
                        _heldElsewhere[scope] = now + (claim.Wait < HeldElsewhereRecheck ? claim.Wait : HeldElsewhereRecheck);
                        continue;
                    }
                    _heldElsewhere.Remove(scope);
                    // Taken over from another replica: its last posts still count in the platform's windows.
                    if (claim.Wait > TimeSpan.Zero) _notBefore[scope] = now + claim.Wait;
                }
            }
            lock (_gate)
                if (!_lanes.ContainsKey(channel))
                {
                    _lanesInScope[scope] = _lanesInScope.GetValueOrDefault(scope) + 1;
                    _lanes[channel] = RunLaneAsync(channel, scope, quiet, cancellationToken);
                }
        }
        lock (_gate) return _lanes.Count;
    }

    /// <summary>Waits for the lanes under way (on stop, so no write is cut off).</summary>
    public Task DrainAsync()
    {
        lock (_gate) return Task.WhenAll(_lanes.Values);
    }

    /// <summary>
    /// The channel's pacing scope and how long its pacing remembers posts, as its surface says. A shared scope is
    /// remembered (a channel stays in its tenant); a channel that is its own scope is asked again, as it may join a
    /// shared one once the platform tells more about it (a conversation's reference arrives with its tenant).
    /// </summary>
    private async Task<(string Scope, TimeSpan Quiet)> ScopeOfAsync(string channelKey, CancellationToken cancellationToken)
    {
        if (_scopeOf.TryGetValue(channelKey, out var known)) return known;
        var channel = await channels.FindAsync(channelKey, cancellationToken) ?? ChannelKeys.Parse(channelKey);
        var surface = channel is null ? null : surfaces.For(channel.Platform);
        // Without a surface nothing is posted, and a lane's card only waits for one: the channel is its own scope until then.
        if (channel is null || surface is null) return (channelKey, TimeSpan.Zero);
        var scope = (surface.PacingScope(channel), surface.PacingMemory);
        if (scope.Item1 != channelKey) _scopeOf[channelKey] = scope;
        return scope;
    }

    /// <summary>Waits until the scope's pacing allows a first post after a takeover.</summary>
    private async Task WaitNotBeforeAsync(string scope, CancellationToken cancellationToken)
    {
        DateTimeOffset notBefore;
        lock (_gate)
            if (!_notBefore.TryGetValue(scope, out notBefore)) return;
        for (var wait = notBefore - time.GetUtcNow(); wait > TimeSpan.Zero; wait = notBefore - time.GetUtcNow())
            await Task.Delay(wait, time, cancellationToken);
    }

    /// <summary>
    /// Works through one channel's due deliveries, oldest first, until none is due. A card's bookkeeping (posted
    /// with its message reference, a retry, a failure) is committed while the lane gets the next card ready and
    /// waits for the platform's next slot, so it costs the channel no time; the lane waits for it before the next
    /// card is sent and before it reads the outbox again. So at most one card per channel is out without its
    /// record, as it was when the lane waited for each record at once. The last lane of a scope to end keeps the
    /// scope's claim for a lease from its last answer (or gives it back when stopping), with the pacing's memory.
    /// </summary>
    private async Task RunLaneAsync(string channelKey, string scope, TimeSpan quiet, CancellationToken cancellationToken)
    {
        await Task.Yield();
        Task recording = Task.CompletedTask;
        try
        {
            var worked = new HashSet<string>(StringComparer.Ordinal);
            while (!cancellationToken.IsCancellationRequested)
            {
                await recording;
                var batch = await store.DueInChannelAsync(channelKey, time.GetUtcNow(), LaneBatch, cancellationToken);
                if (batch.Count == 0) break;
                var channel = await channels.FindAsync(channelKey, cancellationToken) ?? ChannelKeys.Parse(channelKey);
                // A batch past the channel's threshold (or a full one) may be the head of a queue longer than the channel clears
                // in Alarms:Backlog:ClearWithin at its share of its scope (with the channels busy in it): the rest folds into a summary.
                var sharing = Sharing(scope, channelKey);
                var threshold = backlog is not null && channel is not null ? backlog.ThresholdFor(channel, sharing) : int.MaxValue;
                if (backlog is not null && channel is not null && batch.Count > Math.Min(LaneBatch - 1, threshold)
                    && await backlog.FoldAsync(channel, cancellationToken, sharing) > 0)
                    batch = await store.DueInChannelAsync(channelKey, time.GetUtcNow(), LaneBatch, cancellationToken);
                // A channel that clears less than a batch in ClearWithin looks at its queue again after each card: what arrived
                // meanwhile folds at once rather than a batch (many seconds) later.
                var lookAfterEach = threshold < LaneBatch;
                // A delivery worked on in this lane and still due (an edit right after its post) waits for the next lane.
                var due = batch.Where(d => !worked.Contains(d.Id)).ToList();
                if (due.Count == 0) break;
                foreach (var delivery in due)
                {
                    if (cancellationToken.IsCancellationRequested) break;
                    // A lane that stalled past its claim has lost the scope to another replica: it stops here.
                    var claim = await claims.TryClaimAsync(scope, quiet, cancellationToken);
                    if (!claim.Held)
                    {
                        await recording;   // the last card's record first: the claim is given back only after it
                        return;
                    }
                    if (claim.Wait > TimeSpan.Zero)
                        lock (_gate) _notBefore[scope] = time.GetUtcNow() + claim.Wait;
                    await WaitNotBeforeAsync(scope, cancellationToken);
                    worked.Add(delivery.Id);
                    recording = await HandleAsync(delivery, channel, recording, cancellationToken);
                    if (lookAfterEach) break;
                }
            }
            await recording;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage trouble: the deliveries stay due and a later lane takes them up again.
            LogLaneFailed(log, e, channelKey);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the last card's record is still written (a normal stop repeats nothing).
            try { await recording; }
            catch (Exception e) when (e is not OperationCanceledException) { LogLaneFailed(log, e, channelKey); }
        }
        finally
        {
            bool last;
            lock (_gate)
            {
                last = _lanesInScope.GetValueOrDefault(scope) <= 1;
                if (last)
                {
                    _lanesInScope.Remove(scope);
                    _notBefore.Remove(scope);
                }
                else _lanesInScope[scope]--;
            }
            // Every card of the lane is answered by now: the pacing's memory counts from here.
            if (last)
                try
                {
                    if (cancellationToken.IsCancellationRequested) await claims.ReleaseAsync(scope, quiet, CancellationToken.None);
                    else await claims.KeepAsync(scope, quiet, CancellationToken.None);
                }
                catch (Exception e) { LogReleaseFailed(log, e, scope); }   // the claim then simply expires
            lock (_gate)
            {
                _lanes.Remove(channelKey);
                _laneEnded.TrySetResult();
                _laneEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>How long a channel counts as busy in its scope after its lane last looked at its queue.</summary>
    public static readonly TimeSpan BusyMemory = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many channels share the scope's budget now: those whose lane worked within <see cref="BusyMemory"/>, this one included.
    /// A lane ends as soon as its queue is empty and starts again with the next alarm, so the lanes running at one instant
    /// undercount a flooded scope; the channels busy in the last seconds are what takes turns at its budget.
    /// </summary>
    private int Sharing(string scope, string channelKey)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_busyInScope.TryGetValue(scope, out var busy)) _busyInScope[scope] = busy = new(StringComparer.Ordinal);
            busy[channelKey] = now;
            var count = 0;
            List<string>? stale = null;
            foreach (var (key, at) in busy)
                if (now - at <= BusyMemory) count++;
                else (stale ??= []).Add(key);
            if (stale is not null) foreach (var key in stale) busy.Remove(key);
            if (busy.Count == 0) _busyInScope.Remove(scope);
            return Math.Max(1, count);
        }
    }

    public static TimeSpan Backoff(int attempts) => new Bot.Core.Backoff(FirstRetry, MaxRetry).After(attempts);

    /// <summary>
    /// Posts or edits one card once <paramref name="previous"/> (the channel's last record) is committed, and
    /// returns the write that records the outcome, not yet awaited.
    /// </summary>
    private async Task<Task> HandleAsync(AlarmDelivery delivery, Channel? channel, Task previous, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.BotTelemetry.Source.StartActivity("alarm.deliver")?.SetTag("alarm.id", delivery.AlarmId).SetTag("channel", delivery.ChannelKey);
        var alarm = await alarms.FindAsync(delivery.AlarmId, cancellationToken);
        if (alarm is null)
            return store.MarkFailedAsync(delivery.Id, "the alarm is gone", cancellationToken);
        if (channel is null)
            return store.MarkFailedAsync(delivery.Id, $"'{delivery.ChannelKey}' is not a channel key", cancellationToken);
        if (Storms.Storm.IsStormRef(delivery.MessageRef))
        {
            // Folded into its device's storm card: that card is the storm presenter's; this copy has nothing to edit.
            await store.MarkRefreshedAsync(delivery.Id, alarm.Version, cancellationToken);
            return store.MarkLoggedAsync(delivery.Id, alarm.Version, cancellationToken);
        }
        if (delivery.State != DeliveryState.Posted && storms is not null)
        {
            // A channel that is behind starts and feeds no storm card: such an alarm is counted in its backlog summary instead.
            var behind = backlog?.IsBehind(delivery.ChannelKey) == true;
            var fold = await storms.FoldAsync(delivery, alarm, mayFold: !behind, cancellationToken);
            if (fold == Storms.StormFold.Folded) return Task.CompletedTask;
            if (fold == Storms.StormFold.Declined && backlog is not null && await backlog.FoldOneAsync(delivery, alarm, cancellationToken)) return Task.CompletedTask;
        }
        var device = alarm.DeviceId is { } id ? await devices.FindAsync(id, cancellationToken) : null;
        var people = onCall is null ? null : await onCall.OnCallAsync(delivery.ChannelKey, cancellationToken);
        var progress = escalator is null ? null : await escalator.ProgressAsync(alarm, delivery.ChannelKey, cancellationToken);
        var reply = cards.Build(alarm, device, Texts.For(null, botOptions.Value.DefaultLocale), people, progress);
        var editing = delivery.State == DeliveryState.Posted;

        // Nothing goes out while the channel's previous card is without its record.
        await previous;
        PostOutcome outcome;
        var surface = surfaces.For(channel.Platform);
        if (editing && !delivery.NeedsRefresh && surface is not null)
        {
            // The card shows the state already (the click's answer rewrote it): only its thread is behind.
            await LogAsync(alarm, delivery, channel, surface, cancellationToken);
            return Task.CompletedTask;
        }
        if (surface is null)
        {
            // The platform may be configured later; keep the card until then (within the attempts).
            outcome = new PostOutcome.Transient($"no {channel.Platform} surface is configured");
        }
        else
        {
            try
            {
                var sending = time.GetUtcNow();
                // The channel's storm and summary cards take turns with its own cards: one pace per channel.
                if (turns is not null) await turns.TakeAsync(delivery.ChannelKey, cancellationToken);
                try
                {
                    outcome = editing
                        ? await surface.UpdateAsync(channel, delivery.MessageRef!, reply, cancellationToken)
                        : await surface.PostAsync(channel, reply, cancellationToken);
                }
                finally { turns?.Give(delivery.ChannelKey); }
                if (!editing && outcome is PostOutcome.Posted) backlog?.Observe(delivery.ChannelKey, time.GetUtcNow() - sending);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                outcome = new PostOutcome.Transient(e.Message);
            }
        }

        // The record is written even when the bot is stopping: the card is out, and a normal stop repeats nothing.
        switch (outcome)
        {
            case PostOutcome.Posted when editing:
                LogEdited(log, alarm.Id, delivery.ChannelKey);
                // The thread's lines follow the edit; they wait for its record so a crash repeats lines, never skips them.
                await store.MarkRefreshedAsync(delivery.Id, alarm.Version, CancellationToken.None);
                await LogAsync(alarm, delivery, channel, surface!, cancellationToken);
                return Task.CompletedTask;
            case PostOutcome.Posted posted:
                // Before the card counts as posted: a crash in between reposts it, and the escalation starts once either way.
                if (escalator is not null) await escalator.StartAsync(alarm, delivery.ChannelKey, time.GetUtcNow(), CancellationToken.None);
                metrics?.Posted(channel.Platform, time.GetUtcNow() - alarm.Message.At);
                LogPosted(log, alarm.Id, delivery.ChannelKey);
                return store.MarkPostedAsync(delivery.Id, posted.MessageRef, alarm.Version, time.GetUtcNow(), CancellationToken.None);
            case PostOutcome.Transient { MayHaveArrived: true } unknown when !editing && delivery.UnknownOutcomes >= MaxUnknownOutcomeReposts:
                // The card may be in the channel already, perhaps twice: a further post could only add copies.
                LogUnknownTwice(log, alarm.Id, delivery.ChannelKey, unknown.Reason);
                metrics?.Failed(channel.Platform);
                return store.MarkFailedAsync(delivery.Id, $"not posted again: {delivery.UnknownOutcomes + 1} posts went unanswered and may have arrived ({unknown.Reason})", CancellationToken.None);
            case PostOutcome.Transient transient when delivery.Attempts + 1 >= MaxAttempts:
                LogGaveUp(log, alarm.Id, delivery.ChannelKey, transient.Reason);
                metrics?.Failed(channel.Platform);
                return store.MarkFailedAsync(delivery.Id, $"gave up after {MaxAttempts} attempts: {transient.Reason}", CancellationToken.None);
            case PostOutcome.Transient transient:
                var wait = Backoff(delivery.Attempts + 1);
                if (transient.RetryAfter is { } after && after > wait) wait = after;
                LogRetry(log, alarm.Id, delivery.ChannelKey, transient.Reason, wait);
                metrics?.Retried(channel.Platform);
                return transient.MayHaveArrived && !editing
                    ? store.MarkUnknownOutcomeAsync(delivery.Id, transient.Reason, time.GetUtcNow() + wait, CancellationToken.None)
                    : store.MarkRetryAsync(delivery.Id, transient.Reason, time.GetUtcNow() + wait, CancellationToken.None);
            case PostOutcome.Permanent permanent:
                LogPermanent(log, alarm.Id, delivery.ChannelKey, permanent.Reason);
                metrics?.Failed(channel.Platform);
                return store.MarkFailedAsync(delivery.Id, permanent.Reason, CancellationToken.None);
            default:
                return Task.CompletedTask;
        }
    }

    /// <summary>
    /// One line per change the card's thread has no line for yet, oldest first (or none when <c>Alarms:ThreadLog</c> is off).
    /// A line that may have arrived is not sent again (a repeated line is noise); a known refusal is retried through the outbox.
    /// </summary>
    private async Task LogAsync(Alarm alarm, AlarmDelivery delivery, Channel channel, IChatSurface surface, CancellationToken cancellationToken)
    {
        if (delivery.LoggedVersion >= alarm.Version || delivery.MessageRef is not { } messageRef) return;
        if (!alarmOptions.Value.ThreadLog)
        {
            // Lines asked for before the log was switched off are left out: the copy must not stay due for them.
            await store.MarkLoggedAsync(delivery.Id, alarm.Version, cancellationToken);
            return;
        }
        var logged = delivery.LoggedVersion;
        var texts = Texts.For(null, botOptions.Value.DefaultLocale);
        foreach (var change in (await alarms.HistoryAsync(alarm.Id, cancellationToken)).Where(c => c.Version > logged && c.Version <= alarm.Version))
        {
            PostOutcome outcome;
            try { outcome = await surface.ReplyInThreadAsync(channel, messageRef, cards.LogLine(change, texts), cancellationToken); }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                outcome = new PostOutcome.Transient(e.Message);
            }
            if (outcome is PostOutcome.Transient { MayHaveArrived: false } transient && delivery.Attempts + 1 < MaxAttempts)
            {
                await store.MarkLoggedAsync(delivery.Id, logged, cancellationToken);
                var wait = Backoff(delivery.Attempts + 1);
                if (transient.RetryAfter is { } after && after > wait) wait = after;
                await store.MarkRetryAsync(delivery.Id, transient.Reason, time.GetUtcNow() + wait, cancellationToken);
                LogRetry(log, alarm.Id, delivery.ChannelKey, transient.Reason, wait);
                return;
            }
            if (outcome is not PostOutcome.Posted) LogLineLeftOut(log, alarm.Id, delivery.ChannelKey, outcome.ToString());
            logged = change.Version;
        }
        await store.MarkLoggedAsync(delivery.Id, alarm.Version, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alarm {AlarmId}: a line of its log in {ChannelKey}'s thread was left out ({Outcome})")]
    private static partial void LogLineLeftOut(ILogger logger, string alarmId, string channelKey, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering alarm cards to {ChannelKey} failed; will try again")]
    private static partial void LogLaneFailed(ILogger logger, Exception exception, string channelKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping or giving back the claim on {Scope} failed; it expires by itself")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string scope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm {AlarmId} posted to {ChannelKey}")]
    private static partial void LogPosted(ILogger logger, string alarmId, string channelKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm {AlarmId} card edited in {ChannelKey}")]
    private static partial void LogEdited(ILogger logger, string alarmId, string channelKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alarm {AlarmId} to {ChannelKey} failed ({Reason}); retrying in {Wait}")]
    private static partial void LogRetry(ILogger logger, string alarmId, string channelKey, string reason, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm {AlarmId} to {ChannelKey} gave up: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string alarmId, string channelKey, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm {AlarmId} to {ChannelKey}: a repost went unanswered too ({Reason}); not posted again, it may be in the channel")]
    private static partial void LogUnknownTwice(ILogger logger, string alarmId, string channelKey, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm {AlarmId} to {ChannelKey} failed permanently: {Reason}")]
    private static partial void LogPermanent(ILogger logger, string alarmId, string channelKey, string reason);
}
