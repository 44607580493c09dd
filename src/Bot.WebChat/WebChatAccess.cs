using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Bot.WebChat;

/// <summary>
/// Nobody signs in to the web chat, so by default it answers only a browser on this machine: the client must
/// come from a loopback address and name a loopback host (which also stops DNS-rebinding pages), and the request
/// must carry no forwarding header: behind a reverse proxy on this host every remote visitor would otherwise look
/// local. <see cref="WebChatOptions.AllowRemote"/> lifts this for a trusted network; the per-start key
/// (<see cref="WebChatKeyCheck"/>) is required either way.
/// </summary>
public sealed class WebChatAccess(IOptions<WebChatOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (options.Value.AllowRemote) return next(context);
        if (IsForwarded(http.Request))
            return ValueTask.FromResult<object?>(Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "The web chat does not answer through a proxy (the request carries Forwarding headers). Set Playground:AllowRemote=true to open it to a trusted network."));
        if (IsLocal(http)) return next(context);
        return ValueTask.FromResult<object?>(Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "The web chat answers only on this machine (http://localhost). Set Playground:AllowRemote=true to open it to a trusted network."));
    }

    /// <summary>The request passed through a proxy: <c>Forwarded</c>, any <c>X-Forwarded-*</c>, or <c>X-Real-IP</c>.</summary>
    public static bool IsForwarded(HttpRequest request) =>
        request.Headers.Keys.Any(name =>
            name.Equals("Forwarded", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase)
            || name.Equals("X-Real-IP", StringComparison.OrdinalIgnoreCase));

    public static bool IsLocal(HttpContext http)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote)) return false;
        var host = http.Request.Host.Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }
}
