// Spec: docs/protocols/slack.md "Socket Mode": hello, envelopes, acknowledgements, disconnect.
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Bot.StandIns.Slack;

public sealed partial class SlackStandIn
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _acks = new(StringComparer.Ordinal);
    private readonly Lock _socketGate = new();
    private readonly Recorder<int> _connections = new();
    private WebSocket? _socket;
    private TaskCompletionSource? _socketDone;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _tickets = new(StringComparer.Ordinal);
    private int _envelopeDeliveries;
    private readonly Recorder<string> _acksReceived = new();
    private int _acksSeen;

    /// <summary>Waits until the bot has sent <paramref name="count"/> acknowledgements in all (a redelivered envelope may be acknowledged again).</summary>
    public Task WaitForAcksAsync(int count, TimeSpan timeout) => _acksReceived.WaitAsync(_ => true, count, timeout, "Socket Mode acknowledgements");

    /// <summary>Envelopes sent so far, redeliveries included.</summary>
    public int EnvelopeDeliveries => Volatile.Read(ref _envelopeDeliveries);

    /// <summary>A ticket for one Socket Mode connection, as <c>apps.connections.open</c> hands it out.</summary>
    private string IssueTicket()
    {
        var ticket = Guid.NewGuid().ToString("N");
        _tickets[ticket] = 0;
        return ticket;
    }
    private readonly Recorder<int> _accepted = new();
    private WebSocket? _silenced;
    private int _hellosWithheld;

    /// <summary>Socket Mode connections opened so far (each greeted with hello).</summary>
    public int SocketConnections => _connections.All.Count;

    public Task WaitForSocketConnectionsAsync(int count, TimeSpan timeout) =>
        _connections.WaitAsync(_ => true, count, timeout, "Socket Mode connections");

    /// <summary>WebSockets accepted so far, greeted or not.</summary>
    public int SocketsAccepted => _accepted.All.Count;

    /// <summary>The next connection is accepted but never greeted with hello (a server that hangs).</summary>
    public void WithholdHelloNext() => Interlocked.Increment(ref _hellosWithheld);

    /// <summary>
    /// The open connection goes silent without closing, as a half-open TCP connection does: from the bot's next
    /// acknowledgement on the stand-in neither reads (so it answers no ping) nor writes. Sends one envelope to
    /// take that acknowledgement.
    /// </summary>
    public async Task GoSilentAsync(TimeSpan timeout)
    {
        lock (_socketGate) _silenced = _socket ?? throw new InvalidOperationException("no Socket Mode connection");
        await SendEnvelopeAsync("events_api", new JsonObject { ["type"] = "app_rate_limited", ["minute_rate_limited"] = 0 }, timeout);
    }

    private async Task SocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest || string.IsNullOrEmpty(http.Request.Query["ticket"]))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        // Only a ticket apps.connections.open issued, and only once.
        if (!_tickets.TryRemove(http.Request.Query["ticket"].ToString(), out _))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_socketGate)
        {
            // One connection at a time, as the bot keeps: an earlier one (a silenced one) ends here.
            _socketDone?.TrySetResult();
            _socket = socket;
            _socketDone = done;
        }
        _accepted.Add(_accepted.All.Count + 1);
        if (Interlocked.Decrement(ref _hellosWithheld) >= 0)
        {
            await done.Task;
            return;
        }
        Interlocked.Exchange(ref _hellosWithheld, 0);
        await SendAsync(socket, new JsonObject
        {
            ["type"] = "hello",
            ["num_connections"] = 1,
            ["connection_info"] = new JsonObject { ["app_id"] = "A0STANDIN" },
            ["debug_info"] = new JsonObject { ["host"] = "standin", ["approximate_connection_time"] = 18060 },
        });
        _connections.Add(_connections.All.Count + 1);
        var reading = ReadAcksAsync(socket, done.Task);
        await Task.WhenAny(reading, done.Task);
    }

    private async Task ReadAcksAsync(WebSocket socket, Task done)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    message.Write(buffer, 0, result.Count);
                } while (!result.EndOfMessage);
                var ack = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                if (ack.TryGetProperty("envelope_id", out var id) && id.GetString() is { } envelopeId)
                {
                    _acksReceived.Add(envelopeId);
                    var lost = Interlocked.Increment(ref _acksSeen) <= Settings.LostAcks;
                    if (!lost && _acks.TryRemove(envelopeId, out var waiting)) waiting.TrySetResult(ack);
                }
                if (ReferenceEquals(Volatile.Read(ref _silenced), socket))
                {
                    // Not reading any more: pings go unanswered until the connection is dropped.
                    await done;
                    return;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or JsonException or OperationCanceledException)
        {
            // The connection went away; the bot reconnects.
        }
    }

    /// <summary>
    /// Sends an envelope over the open connection and returns the bot's acknowledgement. As Slack does, an envelope
    /// not acknowledged within <see cref="SlackStandInSettings.SocketAckTimeout"/> is delivered again (same envelope id,
    /// <c>retry_attempt</c> counting up, up to three times). <paramref name="deliveries"/> above 1 delivers it again that
    /// many times more right after the first acknowledgement, as when that acknowledgement reached Slack too late.
    /// </summary>
    public async Task<JsonElement> SendEnvelopeAsync(string type, JsonNode payload, TimeSpan timeout, bool acceptsResponsePayload = false, int deliveries = 1)
    {
        var envelopeId = Guid.NewGuid().ToString();
        var ack = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _acks[envelopeId] = ack;
        var attempt = 0;
        await DeliverAsync(attempt++);
        var first = await AcknowledgedAsync();
        for (var again = 1; again < deliveries; again++) await DeliverAsync(attempt++);
        return first;

        async Task<JsonElement> AcknowledgedAsync()
        {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                // After the last redelivery Slack gives up resending; the caller still waits for the ack it has.
                if (attempt > MaxRedeliveries) return await ack.Task.WaitAsync(deadline.Token);
                try { return await ack.Task.WaitAsync(Settings.SocketAckTimeout, deadline.Token); }
                catch (TimeoutException) { await DeliverAsync(attempt++); }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Slack stand-in: envelope {type} not acknowledged within {timeout} ({attempt} deliveries)");
        }
        }

        async Task DeliverAsync(int retry)
        {
            WebSocket socket;
            lock (_socketGate) socket = _socket ?? throw new InvalidOperationException("no Socket Mode connection");
            Interlocked.Increment(ref _envelopeDeliveries);
            await SendAsync(socket, new JsonObject
            {
                ["envelope_id"] = envelopeId,
                ["payload"] = payload.DeepClone(),
                ["type"] = type,
                ["accepts_response_payload"] = acceptsResponsePayload,
                ["retry_attempt"] = retry,
                ["retry_reason"] = retry == 0 ? "" : "timeout",
            });
        }
    }

    /// <summary>How often Slack delivers an unacknowledged envelope again.</summary>
    public const int MaxRedeliveries = 3;

    /// <summary>A slash command over Socket Mode; the ack's payload is the bot's answer.</summary>
    public Task<JsonElement> SendCommandOverSocketAsync(SlackPersonInChannel who, string command, string text, string responseUrl, TimeSpan timeout, int deliveries = 1)
    {
        var fields = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(CommandForm(who, command, text, responseUrl));
        var payload = new JsonObject();
        foreach (var (key, value) in fields) payload[key] = value.ToString();
        return SendEnvelopeAsync("slash_commands", payload, timeout, acceptsResponsePayload: true, deliveries);
    }

    /// <summary>A button click over Socket Mode.</summary>
    public Task<JsonElement> ClickOverSocketAsync(SlackPersonInChannel who, JsonElement button, string responseUrl, TimeSpan timeout, int deliveries = 1) =>
        SendEnvelopeAsync("interactive", BlockActionPayload(who, button, responseUrl), timeout, deliveries: deliveries);

    /// <summary>Slack's routine "please reconnect": a disconnect message, then the socket closes.</summary>
    public async Task SendDisconnectAsync()
    {
        WebSocket? socket;
        lock (_socketGate) socket = _socket;
        if (socket is null) return;
        await SendAsync(socket, new JsonObject { ["type"] = "disconnect", ["reason"] = "refresh_requested", ["debug_info"] = new JsonObject { ["host"] = "standin" } });
    }

    /// <summary>The connection dies without a goodbye (network loss).</summary>
    public void DropSocket()
    {
        lock (_socketGate)
        {
            _socket?.Abort();
            _socket = null;
            _socketDone?.TrySetResult();
        }
    }

    private async Task SendAsync(WebSocket socket, JsonObject message)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sending.WaitAsync();
        try { await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None); }
        finally { _sending.Release(); }
    }

    private async Task CloseSocketsAsync()
    {
        DropSocket();
        await Task.CompletedTask;
    }
}
