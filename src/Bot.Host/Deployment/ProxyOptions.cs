namespace Bot.Host.Deployment;

/// <summary>
/// Settings section <c>Proxy</c>: the reverse proxies whose <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> the bot
/// believes. Empty (the default): forwarded headers are ignored, since anyone could send them.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of the proxies, e.g. <c>127.0.0.1</c> or <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
