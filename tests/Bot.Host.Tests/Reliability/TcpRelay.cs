using System.Net;
using System.Net.Sockets;

namespace Bot.Host.Tests.Reliability;

/// <summary>
/// A TCP relay on a fixed loopback port in front of a stand-in. <see cref="Cut"/> closes the port and drops
/// open connections, so the bot sees "connection refused" as when a service is down; <see cref="Restore"/>
/// opens the same port again.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource _running = new();

    public TcpRelay()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    /// <summary>Where connections go: set once the stand-in runs (<c>http(s)://127.0.0.1:port</c>).</summary>
    public int TargetPort { get; set; }

    /// <summary>The target URL with the relay's port instead.</summary>
    public string Through(string url) => url.Replace($":{TargetPort}", $":{Port}", StringComparison.Ordinal);

    public void Restore()
    {
        lock (_gate)
        {
            if (_listener is not null) return;
            _running = new CancellationTokenSource();
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            _listener = listener;
            _ = AcceptAsync(listener, _running.Token);
        }
    }

    public void Cut()
    {
        lock (_gate)
        {
            _running.Cancel();
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken running)
    {
        while (!running.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await listener.AcceptTcpClientAsync(running); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = PipeAsync(inbound, running);
        }
    }

    private async Task PipeAsync(TcpClient inbound, CancellationToken running)
    {
        var outbound = new TcpClient();
        lock (_gate) { _open.Add(inbound); _open.Add(outbound); }
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, TargetPort, running);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(running);
            var a = inbound.GetStream().CopyToAsync(outbound.GetStream(), stop.Token);
            var b = outbound.GetStream().CopyToAsync(inbound.GetStream(), stop.Token);
            await Task.WhenAny(a, b);
            await stop.CancelAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException) { }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
            lock (_gate) { _open.Remove(inbound); _open.Remove(outbound); }
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
