using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Bot.Host.Deployment;

/// <summary>
/// Forwarded headers (client address and scheme) taken only from the proxies named in <see cref="ProxyOptions"/>:
/// behind a TLS-terminating proxy the bot then knows a request came over https (the admin cookie is marked Secure).
/// </summary>
public static class TrustedProxies
{
    /// <summary>Reads and checks <c>Proxy</c>; a setting that is not an address or a network stops the start naming it.</summary>
    public static ProxyOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        foreach (var proxy in options.KnownProxies)
            if (!IPAddress.TryParse(proxy.Trim(), out _))
                throw new InvalidOperationException($"{ProxyOptions.Section}:KnownProxies must list IP addresses (got '{proxy}').");
        foreach (var network in options.KnownNetworks)
            if (!System.Net.IPNetwork.TryParse(network.Trim(), out _))
                throw new InvalidOperationException($"{ProxyOptions.Section}:KnownNetworks must list networks like 10.0.0.0/24 (got '{network}').");
        return options;
    }

    /// <summary>First in the pipeline, so everything after sees the client's address and scheme; nothing when no proxy is configured.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var proxies = Read(app.Configuration);
        if (!proxies.Enabled) return app;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        // Only the configured ones: the defaults (loopback) are dropped.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
        foreach (var network in proxies.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network.Trim()));
        app.UseForwardedHeaders(options);
        return app;
    }
}
