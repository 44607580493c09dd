using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Core.OnCall;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Escalation;

/// <summary>
/// Runs the escalation policies: a card posted in a channel with a policy starts a timer; each due step is taken only
/// while the alarm is still firing and its device not silenced, and then marked done by compare-and-set. A step is
/// taken first and marked after, so a crash in between repeats that one step once after the restart and never skips one.
/// </summary>
public sealed partial class AlarmEscalator(
    IEscalationStore store,
    IAlarmQueries alarms,
    IOnCallStore onCall,
    IChannelStore channels,
    ChatSurfaces surfaces,
    AlarmSignal signal,
    IOptions<EscalationOptions> options,
    IOptions<BotOptions> botOptions,
    TimeProvider time,
    ILogger<AlarmEscalator> log,
    ISilenceStore? silences = null)
{
    /// <summary>How many due steps one pass takes.</summary>
    public const int Batch = 100;

    /// <summary>The card of <paramref name="alarm"/> was posted in <paramref name="channelKey"/>: its policy's clock starts (once).</summary>
    public async Task StartAsync(Alarm alarm, string channelKey, DateTimeOffset postedAt, CancellationToken cancellationToken)
    {
        // Copies posted by an escalation do not escalate again: only the channels the alarm was routed to do.
        if (!alarm.Channels.Contains(channelKey) || alarm.State != AlarmState.Firing) return;
        var plan = options.Value.PlanFor(channelKey);
        if (plan.Count == 0) return;
        await store.StartEscalationAsync(new AlarmEscalation(AlarmEscalation.IdOf(alarm.Id, channelKey), alarm.Id, channelKey, postedAt, 0, plan.Count, postedAt + plan[0].After, null), cancellationToken);
    }

    /// <summary>Takes every step due now; returns how many were looked at.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await store.DueEscalationsAsync(now, Batch, cancellationToken);
        foreach (var escalation in due)
        {
            try { await StepAsync(escalation, now, cancellationToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The step stays due and the next pass tries it again.
                LogStepFailed(log, e, escalation.AlarmId, escalation.ChannelKey);
            }
        }
        return due.Count;
    }

    private async Task StepAsync(AlarmEscalation escalation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var alarm = await alarms.FindAsync(escalation.AlarmId, cancellationToken);
        var plan = options.Value.PlanFor(escalation.ChannelKey);
        var stop = StopReason(alarm) ?? (escalation.NextStep >= plan.Count ? EscalationProgress.PolicyChanged : null);
        if (stop is null && silences is not null && alarm!.DeviceId is { } device && await silences.ActiveAsync(device, now, cancellationToken) is not null)
            stop = EscalationProgress.Silenced;
        if (stop is not null)
        {
            // The cards of an acknowledged or resolved alarm show the stop already (they read it from the alarm's state);
            // a stop for another reason is news to them.
            var news = stop is EscalationProgress.Silenced or EscalationProgress.PolicyChanged;
            await store.AdvanceEscalationAsync(escalation.Id, escalation.NextStep, escalation.NextStep, null, stop, editCards: news, cancellationToken);
            if (news) signal.Raise();
            LogStopped(log, escalation.AlarmId, escalation.ChannelKey, stop);
            return;
        }
        var step = plan[escalation.NextStep];
        switch (step.Do)
        {
            case EscalationAction.NotifyOnCall:
                await NotifyAsync(alarm!, escalation, now, cancellationToken);
                break;
            case EscalationAction.PostToChannel when !string.IsNullOrWhiteSpace(step.Channel):
                await store.AddEscalationCopyAsync(alarm!.Id, step.Channel, now, cancellationToken);
                signal.Raise();
                break;
        }
        var next = escalation.NextStep + 1;
        var more = next < plan.Count;
        // Every copy of the card is edited to show the step (in the same write, so a crash cannot lose the edit).
        await store.AdvanceEscalationAsync(escalation.Id, escalation.NextStep, next, more ? escalation.StartedAt + plan[next].After : null,
            more ? null : EscalationProgress.AllStepsTaken, editCards: true, cancellationToken);
        signal.Raise();
        LogStep(log, escalation.AlarmId, escalation.ChannelKey, escalation.NextStep + 1, step.Do);
    }

    private static string? StopReason(Alarm? alarm) => alarm switch
    {
        null => EscalationProgress.AlarmGone,
        { State: AlarmState.Acknowledged } => EscalationProgress.Acknowledged,
        { State: AlarmState.Resolved } => EscalationProgress.Resolved,
        _ => null,
    };

    /// <summary>
    /// Where the alarm stands in the escalation its copy in <paramref name="channelKey"/> shows: that channel's own, or
    /// (an escalation channel's copy) the one that posted it; null when none was started. Step times are the policy's
    /// (posted + N minutes), shown in the configured zone.
    /// </summary>
    public async Task<EscalationProgress?> ProgressAsync(Alarm alarm, string channelKey, CancellationToken cancellationToken)
    {
        // No policy anywhere: no read on the path of every card.
        var o = options.Value;
        if (o.Steps.Count == 0 && o.Channels.All(c => c.Steps.Count == 0)) return null;
        var all = await store.EscalationsOfAsync(alarm.Id, cancellationToken);
        if (all.Count == 0) return null;
        var plans = all.Select(e => (Escalation: e, Plan: options.Value.PlanFor(e.ChannelKey))).ToList();
        var (escalation, plan) = plans.FirstOrDefault(p => p.Escalation.ChannelKey == channelKey) is { Escalation: not null } own ? own
            : plans.FirstOrDefault(p => p.Plan.Any(s => s.Do == EscalationAction.PostToChannel && s.Channel == channelKey)) is { Escalation: not null } poster ? poster
            : plans.OrderBy(p => p.Escalation.StartedAt).First();
        var taken = Math.Min(escalation.NextStep, plan.Count);
        var stopped = escalation.DueAt is null ? escalation.EndedBecause : StopReason(alarm);
        var last = taken > 0 ? await MoveAsync(plan[taken - 1], escalation.StartedAt, cancellationToken) : null;
        var next = stopped is null && escalation.DueAt is { } due && taken < plan.Count ? await MoveAsync(plan[taken], escalation.StartedAt, cancellationToken) with { At = due } : null;
        return new EscalationProgress(taken, Math.Max(escalation.Steps, taken), last, next, stopped);
    }

    private async Task<EscalationMove> MoveAsync(PlannedStep step, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        string? name = null;
        if (step.Do == EscalationAction.PostToChannel && !string.IsNullOrWhiteSpace(step.Channel))
        {
            var channel = await channels.FindAsync(step.Channel, cancellationToken);
            name = channel?.Name is { Length: > 0 } n ? n : ChannelKeys.Parse(step.Channel)?.ExternalId ?? step.Channel;
        }
        return new EscalationMove(step.Do, name, startedAt + step.After);
    }

    private async Task NotifyAsync(Alarm alarm, AlarmEscalation escalation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var copy = (await alarms.DeliveriesOfAsync(alarm.Id, cancellationToken)).FirstOrDefault(d => d.ChannelKey == escalation.ChannelKey);
        var channel = await channels.FindAsync(escalation.ChannelKey, cancellationToken) ?? ChannelKeys.Parse(escalation.ChannelKey);
        if (copy?.MessageRef is not { } messageRef || channel is null || surfaces.For(channel.Platform) is not { } surface)
        {
            LogNoThread(log, alarm.Id, escalation.ChannelKey);
            return;
        }
        var t = Texts.For(null, botOptions.Value.DefaultLocale);
        var people = await onCall.OnCallAsync(escalation.ChannelKey, cancellationToken);
        var minutes = (int)Math.Round((now - escalation.StartedAt).TotalMinutes);
        var text = people.Count == 0
            ? t.Format(TextId.EscalationNoOneOnCall, minutes)
            : t.Format(TextId.EscalationNotify, string.Join(' ', people.Select(OnCallMention.Write)), minutes);
        var outcome = await surface.ReplyInThreadAsync(channel, messageRef, text, cancellationToken);
        if (outcome is not PostOutcome.Posted) LogNotNotified(log, alarm.Id, escalation.ChannelKey, outcome.ToString());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm {AlarmId} in {ChannelKey}: escalation step {Step} ({Action}) taken")]
    private static partial void LogStep(ILogger logger, string alarmId, string channelKey, int step, EscalationAction action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alarm {AlarmId} in {ChannelKey}: escalation stopped ({Reason})")]
    private static partial void LogStopped(ILogger logger, string alarmId, string channelKey, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alarm {AlarmId} in {ChannelKey}: no posted card to notify in")]
    private static partial void LogNoThread(ILogger logger, string alarmId, string channelKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alarm {AlarmId} in {ChannelKey}: the on-call notification was not posted ({Outcome})")]
    private static partial void LogNotNotified(ILogger logger, string alarmId, string channelKey, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alarm {AlarmId} in {ChannelKey}: an escalation step failed; will try again")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string alarmId, string channelKey);
}
