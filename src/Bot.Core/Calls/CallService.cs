using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Calls;

/// <summary>
/// The call flow below the chat layer: request → confirmation card (the pending call signed into its buttons, nothing
/// stored) → confirm (one atomic insert of the Confirmed call) → one invite → outcome. Every attempt is audited.
/// Chat surfaces decide how fast they must answer; this service just does the work.
/// </summary>
public sealed partial class CallService(
    DeviceDirectory directory,
    ICallStore calls,
    CallTokens tokens,
    CallAuditQueue audit,
    ICallerStore callers,
    IInviteSender invites,
    CallCards cards,
    BotClock clock,
    IOptions<BotOptions> options,
    ILogger<CallService> log,
    Telemetry.CallMetrics? metrics = null)
{
    private static readonly CallState[] Confirmable = [CallState.Pending];
    private static readonly CallState[] Retryable = [CallState.Failed];
    private TimeSpan ConfirmWindow => options.Value.CallConfirmWindow;

    /// <summary>
    /// <c>call &lt;device&gt;</c>: a confirmation card, or why the device can't be called from here. Nothing is stored
    /// for the card: the pending call travels in its buttons (<see cref="CallTokens"/>) and is stored when clicked;
    /// the request's audit line goes into the batched queue behind the answer.
    /// </summary>
    public async Task<BotReply> RequestAsync(ChatContext context, string deviceQuery, Texts t, CancellationToken cancellationToken)
    {
        var resolution = await directory.ResolveInChannelAsync(deviceQuery, context.Channel.Key, t, cancellationToken);
        if (resolution.Device is not { } device)
        {
            await audit.AddAsync(new CallAuditEntry("-", DeviceRules.NormalizeId(deviceQuery), context.Channel.Key, context.User.Key, context.User.Name,
                clock.Now, resolution.AuditEvent!, resolution.Refusal!.Text), cancellationToken);
            return resolution.Refusal!;
        }

        var now = clock.Now;
        var call = new Call
        {
            Id = NewCallId(),
            DeviceId = device.DeviceId,
            ChannelKey = context.Channel.Key,
            RequestedBy = context.User,
            Locale = context.Locale,
            State = CallState.Pending,
            CreatedAt = now,
            ExpiresAt = now + ConfirmWindow,
        };
        var token = await tokens.IssueAsync(call, cancellationToken);
        await audit.AddAsync(Audit(context.User, call, CallEvents.Requested), cancellationToken);
        return cards.Confirmation(call, device, t, token);
    }

    /// <summary>The person who asked clicks Call: exactly one invite however many clicks arrive.</summary>
    public Task<ActionResult> ConfirmAsync(ChatContext context, string id, Texts t, CancellationToken cancellationToken) =>
        SendAsync(context, id, Confirmable, t, cancellationToken);

    /// <summary>Retry after a failure: the same atomic step, from Failed instead of Pending.</summary>
    public Task<ActionResult> RetryAsync(ChatContext context, string id, Texts t, CancellationToken cancellationToken) =>
        SendAsync(context, id, Retryable, t, cancellationToken);

    public async Task<ActionResult> CancelAsync(ChatContext context, string id, Texts t, CancellationToken cancellationToken)
    {
        var (call, stored, device, refusal) = await LoadForRequesterAsync(context, id, t, cancellationToken);
        if (refusal is not null) return refusal;

        var now = clock.Now;
        var moved = await MoveAsync(call!, stored, Confirmable,
            c => c with { State = CallState.Cancelled, FinishedAt = now }, c => Audit(context.User, c, CallEvents.Cancelled), cancellationToken);
        if (!moved.Applied) return AlreadyHandled(moved.Call ?? call!, device!, t);
        return new ActionResult(UpdatedCard: cards.Cancelled(moved.Call!, device!, t, context.User.Name));
    }

    /// <summary>The "calling" card of a call about to be sent (shown while a slow invite is under way); null when there is no such call.</summary>
    public async Task<BotReply?> CallingAsync(string id, Texts t, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not ({ } call, _)) return null;
        if (await directory.FindAsync(call.DeviceId, cancellationToken) is not { } device) return null;
        // A click that will be refused does not show "calling" first.
        if (call.State == CallState.Pending && call.ExpiresAt <= clock.Now) return null;
        if (call.State == CallState.Failed && call.FinishedAt + ConfirmWindow <= clock.Now) return null;
        if (!await directory.IsMappedAsync(call.DeviceId, call.ChannelKey, cancellationToken)) return null;
        return cards.Calling(call with { State = CallState.Confirmed }, device, t);
    }

    /// <summary>
    /// A button's call: the stored one once someone clicked it, otherwise the pending call its token carries. A button
    /// id that is neither (a token changed or forged, a call never stored) finds nothing.
    /// </summary>
    private async Task<(Call? Call, bool Stored)> FindAsync(string id, CancellationToken cancellationToken)
    {
        Call? carried = null;
        if (CallToken.IsToken(id) && (carried = await tokens.ReadAsync(id, cancellationToken)) is null) return (null, false);
        var stored = await calls.FindAsync(carried?.Id ?? id, cancellationToken);
        return stored is not null ? (stored, true) : (carried, false);
    }

    /// <summary>
    /// A step of a call: over the stored call, an atomic transition; for a call only its card carried so far, an
    /// insert of the call in its new state unless a click beside this one stored it first (then not applied).
    /// </summary>
    private Task<CallTransition> MoveAsync(Call call, bool stored, CallState[] from, Func<Call, Call> next, Func<Call, CallAuditEntry> line,
        CancellationToken cancellationToken)
    {
        if (stored) return calls.TryTransitionAsync(call.Id, from, next, line, cancellationToken);
        if (!from.Contains(call.State)) return Task.FromResult(new CallTransition(false, call));
        return AddAsync(next(call), line, cancellationToken);
    }

    private async Task<CallTransition> AddAsync(Call call, Func<Call, CallAuditEntry> line, CancellationToken cancellationToken)
    {
        // The request's own line (queued behind its answer, here) goes first, so the audit never shows a click without it.
        await audit.FlushedAsync(cancellationToken);
        return await calls.TryAddAsync(call, line(call), cancellationToken);
    }

    /// <summary>
    /// How long after its confirmation a call still Confirmed was certainly interrupted: a live process has its invite's
    /// outcome within the ISDP timeout (seconds), so only a dead one leaves a call Confirmed this long.
    /// </summary>
    public static readonly TimeSpan InterruptedAfter = TimeSpan.FromMinutes(5);

    /// <summary>
    /// At start-up: a call left Confirmed was interrupted between "decided to send" and "knew the outcome".
    /// It is not sent again (an invite must never go twice); it becomes Failed so the person can retry.
    /// </summary>
    public Task<int> RecoverInterruptedAsync(CancellationToken cancellationToken) => RecoverInterruptedAsync(null, cancellationToken);

    /// <summary>
    /// As <see cref="RecoverInterruptedAsync(CancellationToken)"/>, only for calls confirmed before <paramref name="confirmedBefore"/>:
    /// with replicas on one store, another replica may be sending a newer one right now.
    /// </summary>
    public async Task<int> RecoverInterruptedAsync(DateTimeOffset? confirmedBefore, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var call in await calls.InStateAsync(CallState.Confirmed, cancellationToken))
        {
            if (confirmedBefore is { } before && (call.ConfirmedAt ?? call.CreatedAt) >= before) continue;
            var t = Texts.For(call.Locale, options.Value.DefaultLocale);
            var moved = await calls.TryTransitionAsync(call.Id, [CallState.Confirmed],
                c => c with { State = CallState.Failed, FinishedAt = clock.Now, FailureDetail = t[TextId.FailedInterrupted] },
                c => Audit(c.RequestedBy, c, CallEvents.Interrupted), cancellationToken);
            if (moved.Applied) count++;
        }
        return count;
    }

    private async Task<ActionResult> SendAsync(ChatContext context, string id, CallState[] from, Texts t, CancellationToken cancellationToken)
    {
        var (call, stored, device, refusal) = await LoadForRequesterAsync(context, id, t, cancellationToken);
        if (refusal is not null) return refusal;

        var now = clock.Now;
        if (call!.State == CallState.Pending && call.ExpiresAt <= now)
        {
            var expired = await MoveAsync(call, stored, Confirmable,
                c => c with { State = CallState.Expired, FinishedAt = now }, c => Audit(context.User, c, CallEvents.Expired), cancellationToken);
            return new ActionResult(UpdatedCard: cards.Current(expired.Call ?? call, device!, t, ConfirmWindow));
        }

        // What allowed the call when it was asked for may have changed since: check it again before anything leaves.
        var startable = from.Contains(call.State);
        if (startable && call.State == CallState.Failed && call.FinishedAt is { } failedAt && failedAt + ConfirmWindow <= now)
            return new ActionResult(UpdatedCard: cards.Failed(call, device!, t, canRetry: false),
                Notice: t.Format(TextId.RetryTooLate, (int)Math.Round(ConfirmWindow.TotalMinutes)));
        if (startable && !await directory.IsMappedAsync(call.DeviceId, call.ChannelKey, cancellationToken))
        {
            var gone = t.Format(TextId.CallDeviceNoLongerHere, call.DeviceId);
            await calls.AuditAsync(Audit(context.User, call, CallEvents.RefusedNotMapped, gone), cancellationToken);
            return ActionResult.Note(gone);
        }

        // Durable before the invite leaves; of two clicks (here or at another replica) one stores it, one invite.
        var confirmed = await MoveAsync(call, stored, from,
            c => c with { State = CallState.Confirmed, ConfirmedAt = now, FailureDetail = null, Attempts = c.Attempts + 1 },
            c => Audit(context.User, c, CallEvents.Confirmed, $"attempt {c.Attempts}"), cancellationToken);
        if (!confirmed.Applied) return AlreadyHandled(confirmed.Call ?? call, device!, t);

        using var activity = Telemetry.BotTelemetry.Source.StartActivity("call.invite")?.SetTag("call.id", call.Id).SetTag("device", call.DeviceId).SetTag("channel", call.ChannelKey);
        var caller = await callers.FindAsync(context.User.Key, cancellationToken);
        var inviteStarted = clock.Time.GetTimestamp();
        // The outcome is recorded even if the person's request is abandoned: the invite is already on its way.
        var outcome = await invites.SendInviteAsync(new Invite(device!.DeviceId, device.IsdpDeviceId, device.ChatJid, caller), CancellationToken.None);

        metrics?.Finished(OutcomeName(outcome), clock.Time.GetElapsedTime(inviteStarted));
        activity?.SetTag("call.outcome", OutcomeName(outcome));
        var (state, detail) = Describe(outcome, t);
        var finished = await calls.TryTransitionAsync(call.Id, [CallState.Confirmed],
            c => c with { State = state, FinishedAt = clock.Now, FailureDetail = detail },
            c => Audit(context.User, c, state == CallState.Sent ? CallEvents.Sent : CallEvents.Failed, detail), CancellationToken.None);
        LogOutcome(log, call.Id, device.DeviceId, state, detail);

        var final = finished.Call ?? confirmed.Call!;
        return new ActionResult(UpdatedCard: state == CallState.Sent ? cards.Sent(final, device, t) : cards.Failed(final, device, t));
    }

    private static string OutcomeName(InviteOutcome outcome) => outcome switch
    {
        InviteOutcome.Sent => "sent",
        InviteOutcome.Refused => "refused",
        InviteOutcome.TransportFailed => "transport",
        InviteOutcome.NotConfigured => "not_configured",
        _ => "other",
    };

    private static (CallState, string?) Describe(InviteOutcome outcome, Texts t) => outcome switch
    {
        InviteOutcome.Sent => (CallState.Sent, null),
        InviteOutcome.Refused r => (CallState.Failed, t.Format(TextId.FailedRefused, string.IsNullOrWhiteSpace(r.ErrorMessage) ? $"stateCode {r.StateCode}" : r.ErrorMessage)),
        InviteOutcome.TransportFailed f => (CallState.Failed, t.Format(TextId.FailedTransport, f.HttpStatus is { } status ? $"{f.Kind} (HTTP {status})" : $"{f.Kind}: {f.Detail}")),
        InviteOutcome.NotConfigured => (CallState.Failed, t[TextId.FailedIsdpNotConfigured]),
        _ => (CallState.Failed, outcome.ToString()),
    };

    private async Task<(Call?, bool Stored, Device?, ActionResult?)> LoadForRequesterAsync(ChatContext context, string id, Texts t, CancellationToken cancellationToken)
    {
        // Nothing to act on (a changed token, a plain id never stored): the card reads as expired.
        var (call, stored) = await FindAsync(id, cancellationToken);
        if (call is null) return (null, false, null, ActionResult.Note(t[TextId.CallNotFound]));
        if (call.RequestedBy.Key != context.User.Key)
            return (call, stored, null, ActionResult.Note(t.Format(TextId.NotYourCall, call.RequestedBy.Name)));
        var device = await directory.FindAsync(call.DeviceId, cancellationToken);
        if (device is null) return (call, stored, null, ActionResult.Note(t.Format(TextId.UnknownDevice, call.DeviceId)));
        return (call, stored, device, null);
    }

    private ActionResult AlreadyHandled(Call current, Device device, Texts t) =>
        new(UpdatedCard: cards.Current(current, device, t, ConfirmWindow), Notice: t[TextId.CallAlreadyHandled]);

    /// <summary>The audit line of a call's step, stored in the same write as the step itself (a request's: in the batched queue).</summary>
    private CallAuditEntry Audit(ChatUser by, Call call, string @event, string? detail = null) =>
        new(call.Id, call.DeviceId, call.ChannelKey, by.Key, by.Name, clock.Now, @event, detail);

    /// <summary>Short, unguessable, safe in a button value on any platform and in a URL.</summary>
    private static string NewCallId() => CallIds.New();

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} to {DeviceId} ended {State}: {Detail}")]
    private static partial void LogOutcome(ILogger logger, string callId, string deviceId, CallState state, string? detail);
}
