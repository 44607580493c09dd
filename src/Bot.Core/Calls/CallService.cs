using System.Security.Cryptography;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Calls;

/// <summary>
/// The call flow below the chat layer: request → confirmation card → confirm (atomic) → one invite → outcome.
/// Every attempt is audited. Chat surfaces decide how fast they must answer; this service just does the work.
/// </summary>
public sealed partial class CallService(
    DeviceDirectory directory,
    ICallStore calls,
    CallWriteBehind behind,
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

    /// <summary><c>call &lt;device&gt;</c>: a confirmation card, or why the device can't be called from here.</summary>
    public async Task<BotReply> RequestAsync(ChatContext context, string deviceQuery, Texts t, CancellationToken cancellationToken)
    {
        var resolution = await directory.ResolveInChannelAsync(deviceQuery, context.Channel.Key, t, cancellationToken);
        if (resolution.Device is not { } device)
        {
            await behind.AuditAsync(new CallAuditEntry("-", DeviceRules.NormalizeId(deviceQuery), context.Channel.Key, context.User.Key, context.User.Name,
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
        // Answered without waiting for the disk: whatever acts on the call later waits for this write first.
        await behind.AddAsync(call, Audit(context.User, call, CallEvents.Requested), cancellationToken);
        return cards.Confirmation(call, device, t);
    }

    /// <summary>The person who asked clicks Call: exactly one invite however many clicks arrive.</summary>
    public Task<ActionResult> ConfirmAsync(ChatContext context, string callId, Texts t, CancellationToken cancellationToken) =>
        SendAsync(context, callId, Confirmable, t, cancellationToken);

    /// <summary>Retry after a failure: the same atomic step, from Failed instead of Pending.</summary>
    public Task<ActionResult> RetryAsync(ChatContext context, string callId, Texts t, CancellationToken cancellationToken) =>
        SendAsync(context, callId, Retryable, t, cancellationToken);

    public async Task<ActionResult> CancelAsync(ChatContext context, string callId, Texts t, CancellationToken cancellationToken)
    {
        var (call, device, refusal) = await LoadForRequesterAsync(context, callId, t, cancellationToken);
        if (refusal is not null) return refusal;

        var now = clock.Now;
        var moved = await calls.TryTransitionAsync(call!.Id, Confirmable,
            c => c with { State = CallState.Cancelled, FinishedAt = now }, c => Audit(context.User, c, CallEvents.Cancelled), cancellationToken);
        if (!moved.Applied) return AlreadyHandled(moved.Call ?? call, device!, t);
        return new ActionResult(UpdatedCard: cards.Cancelled(moved.Call!, device!, t, context.User.Name));
    }

    /// <summary>The "calling" card of a call about to be sent (shown while a slow invite is under way); null when there is no such call.</summary>
    public async Task<BotReply?> CallingAsync(string callId, Texts t, CancellationToken cancellationToken)
    {
        await behind.StoredAsync(callId);
        if (await calls.FindAsync(callId, cancellationToken) is not { } call) return null;
        if (await directory.FindAsync(call.DeviceId, cancellationToken) is not { } device) return null;
        // A click that will be refused does not show "calling" first.
        if (call.State == CallState.Failed && call.FinishedAt + ConfirmWindow <= clock.Now) return null;
        if (!await directory.IsMappedAsync(call.DeviceId, call.ChannelKey, cancellationToken)) return null;
        return cards.Calling(call with { State = CallState.Confirmed }, device, t);
    }

    /// <summary>A surface posted the call's confirmation card where it can edit it later: remember where, so expiry edits it.</summary>
    public async Task CardPostedAsync(string callId, string messageRef, CancellationToken cancellationToken)
    {
        if (await behind.StoredAsync(callId)) await calls.SetSurfaceRefAsync(callId, messageRef, cancellationToken);
    }

    /// <summary>Marks calls waiting for confirmation past their window as expired; returns them so surfaces may update their cards.</summary>
    public async Task<IReadOnlyList<Call>> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.Now;
        var expired = new List<Call>();
        foreach (var call in await calls.InStateAsync(CallState.Pending, cancellationToken))
        {
            if (call.ExpiresAt > now) continue;
            var moved = await calls.TryTransitionAsync(call.Id, Confirmable,
                c => c with { State = CallState.Expired, FinishedAt = now }, c => Audit(c.RequestedBy, c, CallEvents.Expired), cancellationToken);
            if (moved.Applied) expired.Add(moved.Call!);
        }
        return expired;
    }

    /// <summary>
    /// At start-up: a call left Confirmed was interrupted between "decided to send" and "knew the outcome".
    /// It is not sent again (an invite must never go twice); it becomes Failed so the person can retry.
    /// </summary>
    public async Task<int> RecoverInterruptedAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var call in await calls.InStateAsync(CallState.Confirmed, cancellationToken))
        {
            var t = Texts.For(call.Locale, options.Value.DefaultLocale);
            var moved = await calls.TryTransitionAsync(call.Id, [CallState.Confirmed],
                c => c with { State = CallState.Failed, FinishedAt = clock.Now, FailureDetail = t[TextId.FailedInterrupted] },
                c => Audit(c.RequestedBy, c, CallEvents.Interrupted), cancellationToken);
            if (moved.Applied) count++;
        }
        return count;
    }

    private async Task<ActionResult> SendAsync(ChatContext context, string callId, CallState[] from, Texts t, CancellationToken cancellationToken)
    {
        var (call, device, refusal) = await LoadForRequesterAsync(context, callId, t, cancellationToken);
        if (refusal is not null) return refusal;

        var now = clock.Now;
        if (call!.State == CallState.Pending && call.ExpiresAt <= now)
        {
            var expired = await calls.TryTransitionAsync(call.Id, Confirmable,
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

        var confirmed = await calls.TryTransitionAsync(call.Id, from,
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

    private async Task<(Call?, Device?, ActionResult?)> LoadForRequesterAsync(ChatContext context, string callId, Texts t, CancellationToken cancellationToken)
    {
        // A card answered a moment ago may still be on its way to the store; a call never stored (lost in a crash) has expired.
        await behind.StoredAsync(callId);
        var call = await calls.FindAsync(callId, cancellationToken);
        if (call is null) return (null, null, ActionResult.Note(t[TextId.CallNotFound]));
        if (call.RequestedBy.Key != context.User.Key)
            return (call, null, ActionResult.Note(t.Format(TextId.NotYourCall, call.RequestedBy.Name)));
        var device = await directory.FindAsync(call.DeviceId, cancellationToken);
        if (device is null) return (call, null, ActionResult.Note(t.Format(TextId.UnknownDevice, call.DeviceId)));
        return (call, device, null);
    }

    private ActionResult AlreadyHandled(Call current, Device device, Texts t) =>
        new(UpdatedCard: cards.Current(current, device, t, ConfirmWindow), Notice: t[TextId.CallAlreadyHandled]);

    /// <summary>The audit line of a call's step, stored in the same write as the step itself.</summary>
    private CallAuditEntry Audit(ChatUser by, Call call, string @event, string? detail = null) =>
        new(call.Id, call.DeviceId, call.ChannelKey, by.Key, by.Name, clock.Now, @event, detail);

    /// <summary>Short, unguessable, safe in a button value on any platform and in a URL.</summary>
    private static string NewCallId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} to {DeviceId} ended {State}: {Detail}")]
    private static partial void LogOutcome(ILogger logger, string callId, string deviceId, CallState state, string? detail);
}
