// Spec: docs/protocols/slack.md "Socket Mode": apps.connections.open, envelopes, acknowledge within 3 s, reconnect.
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core;
using Bot.Core.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

/// <summary>
/// Receives Slack's payloads over a WebSocket instead of HTTP (no public URL needed). Every envelope is
/// acknowledged at once (a slash command's ack carries its answer); the handlers are those of the HTTP
/// endpoints. On <c>disconnect</c> or a lost socket it opens a new connection, backing off while that fails.
/// A connection that goes silent (no pong to its pings) is dropped and replaced; one that does not open and greet
/// within <see cref="HelloTimeout"/> too. <see cref="Link"/> says whether a connection is up.
/// </summary>
public sealed partial class SlackSocketMode(
    SlackWebApi api,
    SlackRequestHandler handler,
    IntegrationOutcomes health,
    IOptions<SlackOptions> options,
    TimeProvider time,
    ILogger<SlackSocketMode> log) : BackgroundService
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    /// <summary>From opening the WebSocket to Slack's hello; Slack greets at once, so a longer wait means a dead end.</summary>
    public static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(10);
    private const int MaxFrameBytes = 1024 * 1024;

    // Slack delivers an envelope again (same id) when its ack was late or lost; handled once, acknowledged every time.
    private readonly SlackEventLog _envelopes = new(time);

    private volatile SlackSocketLink _link = new(false, "not connected yet", time.GetUtcNow(), 0);

    /// <summary>Whether a greeted connection is up now (read by the Slack health check).</summary>
    public SlackSocketLink Link => _link;

    private void Greeted() => _link = new SlackSocketLink(true, "connected", time.GetUtcNow(), 0);

    /// <summary>
    /// Marks the connection down. Called before the failure is recorded as Slack's outcome, so that readiness, once it
    /// is degraded by a lost connection, already says "Socket Mode not connected" rather than the bare failure.
    /// </summary>
    private void NotConnected(string detail)
    {
        var last = _link;
        _link = last.Connected
            ? new SlackSocketLink(false, detail, time.GetUtcNow(), 1)
            : last with { Detail = detail, FailedAttempts = last.FailedAttempts + 1 };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new Backoff(FirstBackoff, MaxBackoff);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var end = ConnectionEnd.Failed;
            try
            {
                end = await RunConnectionAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException or JsonException or IOException or OperationCanceledException)
            {
                NotConnected(e.Message);
                health.Failed(SlackHealth.Name, $"Socket Mode: {e.Message}");
                LogDropped(log, e.Message);
            }
            // Slack's disconnect is routine: reconnect at once. A connection that worked and then broke waits a
            // moment; one that never got going backs off further each time.
            failures = end switch
            {
                ConnectionEnd.AskedToReconnect => 0,
                ConnectionEnd.Lost => 1,
                _ => failures + 1,
            };
            var wait = failures == 0 ? TimeSpan.Zero : backoff.After(failures);
            if (wait <= TimeSpan.Zero) continue;
            try { await Task.Delay(wait, time, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private enum ConnectionEnd
    {
        /// <summary>No connection or no hello.</summary>
        Failed,
        /// <summary>Greeted, then the socket closed or broke.</summary>
        Lost,
        /// <summary>Slack sent <c>disconnect</c>.</summary>
        AskedToReconnect,
    }

    /// <summary>One connection from open to close.</summary>
    private async Task<ConnectionEnd> RunConnectionAsync(CancellationToken stoppingToken)
    {
        var opened = await api.OpenConnectionAsync(stoppingToken);
        if (opened is not SlackApiResult.Ok ok || SlackJson.Str(ok.Body, "url") is not { } url || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            var detail = opened is SlackApiResult.Error error ? error.Code : opened.ToString();
            NotConnected($"apps.connections.open: {detail}");
            health.Failed(SlackHealth.Name, $"apps.connections.open: {detail}");
            LogOpenFailed(log, detail);
            return ConnectionEnd.Failed;
        }

        using var socket = new ClientWebSocket();
        // Slack answers pings; a pong that does not come means a dead (half-open) connection, which the runtime
        // then aborts: the pending receive fails and a new connection is opened.
        socket.Options.KeepAliveInterval = options.Value.SocketKeepAlive;
        socket.Options.KeepAliveTimeout = options.Value.SocketKeepAlive;
        // Opening and the hello within a deadline on the bot's clock; after the hello the keep-alive watches.
        using var helloDeadline = new CancellationTokenSource(HelloTimeout, time);
        using var untilHello = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, helloDeadline.Token);
        var greeted = false;
        try
        {
            await socket.ConnectAsync(uri, untilHello.Token);
        }
        catch (OperationCanceledException) when (helloDeadline.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            return NoHello("the WebSocket did not open");
        }
        var sending = new SemaphoreSlim(1, 1);
        while (socket.State == WebSocketState.Open)
        {
            byte[]? frame;
            try { frame = await ReceiveAsync(socket, greeted ? stoppingToken : untilHello.Token); }
            catch (OperationCanceledException) when (!greeted && helloDeadline.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                return NoHello("Slack sent no hello");
            }
            catch (Exception e) when (e is WebSocketException or IOException)
            {
                NotConnected(e.Message);
                health.Failed(SlackHealth.Name, $"Socket Mode: {e.Message}");
                LogDropped(log, e.Message);
                break;
            }
            if (frame is null)
            {
                NotConnected("Slack closed the connection");
                break;
            }
            JsonElement envelope;
            try
            {
                using var doc = JsonDocument.Parse(frame);
                envelope = doc.RootElement.Clone();
            }
            catch (JsonException)
            {
                LogBadFrame(log);
                continue;
            }
            switch (SlackJson.Str(envelope, "type"))
            {
                case "hello":
                    greeted = true;
                    Greeted();
                    health.Succeeded(SlackHealth.Name, "Socket Mode connected");
                    break;
                case "disconnect":
                    LogDisconnect(log, SlackJson.Str(envelope, "reason") ?? "unknown");
                    NotConnected("reconnecting at Slack's request");
                    await CloseQuietlyAsync(socket);
                    return ConnectionEnd.AskedToReconnect;
                default:
                    if (SlackJson.Str(envelope, "envelope_id") is { } envelopeId)
                        _ = HandleEnvelopeAsync(socket, sending, envelopeId, envelope, stoppingToken);
                    break;
            }
        }
        return greeted ? ConnectionEnd.Lost : ConnectionEnd.Failed;
    }

    private ConnectionEnd NoHello(string what)
    {
        var detail = $"{what} within {HelloTimeout.TotalSeconds:0} s";
        NotConnected(detail);
        health.Failed(SlackHealth.Name, $"Socket Mode: {detail}");
        LogDropped(log, detail);
        return ConnectionEnd.Failed;
    }

    private async Task HandleEnvelopeAsync(WebSocket socket, SemaphoreSlim sending, string envelopeId, JsonElement envelope, CancellationToken stoppingToken)
    {
        var ack = new JsonObject { ["envelope_id"] = envelopeId };
        if (!_envelopes.FirstTime(envelopeId))
        {
            LogRedelivered(log, envelopeId);
            await SendAsync(socket, sending, ack, stoppingToken);
            return;
        }
        try
        {
            var payload = envelope.TryGetProperty("payload", out var p) ? p : default;
            switch (SlackJson.Str(envelope, "type"))
            {
                case "slash_commands" when SlashCommand.FromJson(payload) is { } command:
                    // The ack carries the answer, as the HTTP response body would; CommandAsync keeps to the deadline.
                    var answer = await handler.CommandAsync(command, stoppingToken);
                    if (envelope.TryGetProperty("accepts_response_payload", out var accepts) && accepts.ValueKind == JsonValueKind.True)
                        ack["payload"] = answer;
                    break;
                case "interactive" when BlockAction.FromJson(payload) is { } action:
                    handler.Action(action);
                    break;
                case "events_api" when payload.ValueKind == JsonValueKind.Object && SlackJson.Str(payload, "type") == "event_callback":
                    handler.Event(payload);
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEnvelopeFailed(log, e, envelopeId);
        }
        await SendAsync(socket, sending, ack, stoppingToken);
    }

    private async Task SendAsync(WebSocket socket, SemaphoreSlim sending, JsonObject message, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString(SlackJson.Wire));
        await sending.WaitAsync(cancellationToken);
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            LogAckLost(log, e.Message);
        }
        finally
        {
            sending.Release();
        }
    }

    private static async Task<byte[]?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (message.Length > MaxFrameBytes) throw new WebSocketException("frame too large");
            if (result.EndOfMessage) return message.ToArray();
        }
    }

    private static async Task CloseQuietlyAsync(WebSocket socket)
    {
        try
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", grace.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The old connection is being dropped anyway.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode: apps.connections.open failed: {Detail}")]
    private static partial void LogOpenFailed(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode: disconnect ({Reason}); reconnecting")]
    private static partial void LogDisconnect(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection lost: {Detail}; reconnecting")]
    private static partial void LogDropped(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode: a frame was not JSON; ignored")]
    private static partial void LogBadFrame(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Slack Socket Mode: envelope {EnvelopeId} failed; acknowledged anyway")]
    private static partial void LogEnvelopeFailed(ILogger logger, Exception exception, string envelopeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode: an acknowledgement was not sent: {Detail}")]
    private static partial void LogAckLost(ILogger logger, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode envelope {EnvelopeId} delivered again; acknowledged, not handled twice")]
    private static partial void LogRedelivered(ILogger logger, string envelopeId);
}
