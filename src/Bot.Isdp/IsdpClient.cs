// Spec: docs/protocols/isdp.md §2 (POST {BaseUrl}/openapi/v1/openSendImMessage/openApiSendImMessage).
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Core.Calls;
using Bot.Core.Health;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Isdp;

/// <summary>
/// Sends one remote invite to ISDP. Upstream faults come back as an <see cref="InviteOutcome"/>, never as
/// an exception; only the caller's own cancellation throws. The invite POST is sent at most twice, and the
/// second time only after a 401, which means ISDP did not accept the first: a timed-out invite may have
/// reached the device, so it is never re-sent here.
/// </summary>
public sealed class IsdpClient(
    HttpClient http,
    IsdpTokenSource tokens,
    IOptions<IsdpOptions> options,
    IntegrationOutcomes health,
    TimeProvider time,
    ILogger<IsdpClient> logger) : IInviteSender
{
    public async Task<InviteOutcome> SendInviteAsync(Invite invite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invite);
        if (string.IsNullOrWhiteSpace(invite.ChatJid) || !IsdpStanza.CanCarry(invite.ChatJid))
        {
            // A bad device record, not an ISDP fault: nothing is sent and ISDP's health is left alone.
            IsdpLog.ChatJidUnusable(logger, invite.DeviceId);
            return new InviteOutcome.TransportFailed(TransportFailure.Unreachable, null,
                $"device {invite.DeviceId} has a chatJid that cannot be put in an XMPP stanza; fix the device record");
        }
        var stanzaId = IsdpStanza.NewId();
        InviteOutcome outcome;
        try
        {
            outcome = await SendAsync(invite, stanzaId, cancellationToken).ConfigureAwait(false);
        }
        catch (IsdpTransportException ex)
        {
            outcome = new InviteOutcome.TransportFailed(ex.Kind, ex.HttpStatus, ex.Message);
        }
        Report(invite, stanzaId, outcome);
        return outcome;
    }

    private async Task<InviteOutcome> SendAsync(Invite invite, string stanzaId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
        var caller = invite.Caller ?? token.PlatUser
            ?? throw new IsdpTransportException(TransportFailure.MalformedResponse, null,
                "the invite names no caller and ISDP's token response carried no plat_user");
        var stanza = IsdpStanza.Build(invite.ChatJid, stanzaId, settings.PropertiesNamespace, IsdpStanza.Attrs(invite, caller));

        var answer = await PostAsync(stanza, token.Value, cancellationToken).ConfigureAwait(false);
        if (answer is Unauthorized)
        {
            IsdpLog.TokenRejected(logger, invite.DeviceId);
            tokens.Invalidate(token.Value);
            token = await tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            answer = await PostAsync(stanza, token.Value, cancellationToken).ConfigureAwait(false);
            if (answer is Unauthorized)
                return new InviteOutcome.TransportFailed(TransportFailure.Unauthorized, 401,
                    "ISDP answered 401 to a freshly issued token");
        }
        return ((Answered)answer).Outcome;
    }

    private abstract record Answer;
    private sealed record Unauthorized : Answer;
    private sealed record Answered(InviteOutcome Outcome) : Answer;

    private async Task<Answer> PostAsync(string stanza, string accessToken, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, IsdpEndpoints.SendImMessage(settings))
        {
            Content = JsonContent.Create(new SendImMessageRequest(stanza), IsdpJsonContext.Wire.SendImMessageRequest),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("bearer", accessToken);
        try
        {
            using var response = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
                return new Unauthorized();
            var text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                return new Answered(new InviteOutcome.TransportFailed(TransportFailure.HttpStatus, (int)response.StatusCode,
                    $"ISDP answered HTTP {(int)response.StatusCode}"));
            return new Answered(Parse(text));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            return new Answered(new InviteOutcome.TransportFailed(TransportFailure.Timeout, null,
                $"ISDP did not answer within {settings.Timeout.TotalSeconds:0.###} s; the invite may still reach the device"));
        }
        catch (HttpRequestException ex)
        {
            throw IsdpEndpoints.FromHttpRequestException("device call", ex);
        }
    }

    private static InviteOutcome Parse(string text)
    {
        SendImMessageResponse? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(text, IsdpJsonContext.Wire.SendImMessageResponse);
        }
        catch (JsonException)
        {
            parsed = null;
        }
        return parsed switch
        {
            { StateCode: "0" } => new InviteOutcome.Sent(),
            { StateCode: { Length: > 0 } code } => new InviteOutcome.Refused(code, parsed.ErrorMessage),
            _ => new InviteOutcome.TransportFailed(TransportFailure.MalformedResponse, 200,
                "ISDP's answer is not the documented JSON with a stateCode"),
        };
    }

    private void Report(Invite invite, string stanzaId, InviteOutcome outcome)
    {
        switch (outcome)
        {
            case InviteOutcome.Sent:
                IsdpLog.InviteSent(logger, invite.DeviceId, stanzaId);
                health.Succeeded(IsdpHealth.Name);
                break;
            case InviteOutcome.Refused refused:
                // ISDP answered: the integration works even when the device cannot take the call.
                IsdpLog.InviteRefused(logger, invite.DeviceId, stanzaId, refused.StateCode, refused.ErrorMessage);
                health.Succeeded(IsdpHealth.Name, $"last invite refused: stateCode {refused.StateCode}");
                break;
            case InviteOutcome.TransportFailed failed:
                IsdpLog.InviteFailed(logger, invite.DeviceId, stanzaId, failed.Kind, failed.HttpStatus, failed.Detail);
                health.Failed(IsdpHealth.Name, $"{failed.Kind}: {failed.Detail}");
                break;
        }
    }
}
