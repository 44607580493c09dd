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

    /// <summary>Socket Mode connections opened so far (each greeted with hello).</summary>
    public int SocketConnections => _connections.All.Count;

    public Task WaitForSocketConnectionsAsync(int count, TimeSpan timeout) =>
        _connections.WaitAsync(_ => true, count, timeout, "Socket Mode connections");

    private async Task SocketAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest || string.IsNullOrEmpty(http.Request.Query["ticket"]))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_socketGate)
        {
            _socket = socket;
            _socketDone = done;
        }
        await SendAsync(socket, new JsonObject
        {
            ["type"] = "hello",
            ["num_connections"] = 1,
            ["connection_info"] = new JsonObject { ["app_id"] = "A0STANDIN" },
            ["debug_info"] = new JsonObject { ["host"] = "standin", ["approximate_connection_time"] = 18060 },
        });
        _connections.Add(_connections.All.Count + 1);
        var reading = ReadAcksAsync(socket);
        await Task.WhenAny(reading, done.Task);
    }

    private async Task ReadAcksAsync(WebSocket socket)
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
                if (ack.TryGetProperty("envelope_id", out var id) && id.GetString() is { } envelopeId && _acks.TryRemove(envelopeId, out var waiting))
                    waiting.TrySetResult(ack);
            }
        }
        catch (Exception e) when (e is WebSocketException or JsonException or OperationCanceledException)
        {
            // The connection went away; the bot reconnects.
        }
    }

    /// <summary>Sends an envelope over the open connection and returns the bot's acknowledgement.</summary>
    public async Task<JsonElement> SendEnvelopeAsync(string type, JsonNode payload, TimeSpan timeout, bool acceptsResponsePayload = false)
    {
        var envelopeId = Guid.NewGuid().ToString();
        var ack = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _acks[envelopeId] = ack;
        WebSocket socket;
        lock (_socketGate) socket = _socket ?? throw new InvalidOperationException("no Socket Mode connection");
        await SendAsync(socket, new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["payload"] = payload,
            ["type"] = type,
            ["accepts_response_payload"] = acceptsResponsePayload,
            ["retry_attempt"] = 0,
            ["retry_reason"] = "",
        });
        try { return await ack.Task.WaitAsync(timeout); }
        catch (TimeoutException) { throw new TimeoutException($"Slack stand-in: envelope {type} not acknowledged within {timeout}"); }
    }

    /// <summary>A slash command over Socket Mode; the ack's payload is the bot's answer.</summary>
    public Task<JsonElement> SendCommandOverSocketAsync(SlackPersonInChannel who, string command, string text, string responseUrl, TimeSpan timeout)
    {
        var fields = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(CommandForm(who, command, text, responseUrl));
        var payload = new JsonObject();
        foreach (var (key, value) in fields) payload[key] = value.ToString();
        return SendEnvelopeAsync("slash_commands", payload, timeout, acceptsResponsePayload: true);
    }

    /// <summary>A button click over Socket Mode.</summary>
    public Task<JsonElement> ClickOverSocketAsync(SlackPersonInChannel who, JsonElement button, string responseUrl, TimeSpan timeout) =>
        SendEnvelopeAsync("interactive", BlockActionPayload(who, button, responseUrl), timeout);

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
