namespace Bot.Host.Deployment;

/// <summary>Where the bot listens when the deployment does not say, and how to tell whether it did.</summary>
public static class ListenAddress
{
    /// <summary>The playground's address: this machine only.</summary>
    public const string Default = "http://localhost:5080";

    /// <summary>
    /// Any of ASP.NET Core's address settings: <c>Urls</c> (also <c>ASPNETCORE_URLS</c>, <c>--urls</c>),
    /// <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c> (as the official container images set them), or Kestrel endpoints.
    /// </summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || HasKestrelEndpoints(configuration);

    /// <summary>
    /// The addresses to hand Kestrel, or null to leave them to ASP.NET Core's settings as they are: the configured ones
    /// (else <see cref="Default"/>) plus <paramref name="also"/> (the metrics address). With Kestrel endpoints configured,
    /// those are the whole list (the metrics address is then one of them).
    /// </summary>
    public static string? Resolve(IConfiguration configuration, string? also)
    {
        if (HasKestrelEndpoints(configuration)) return null;
        if (also is null) return IsConfigured(configuration) ? null : Default;
        var own = new List<string>();
        if (!string.IsNullOrWhiteSpace(configuration["urls"])) own.Add(configuration["urls"]!);
        else
        {
            // What ASP.NET Core makes of the port settings, written out because an explicit list replaces them.
            own.AddRange(Ports(configuration["http_ports"]).Select(p => $"http://*:{p}"));
            own.AddRange(Ports(configuration["https_ports"]).Select(p => $"https://*:{p}"));
            if (own.Count == 0) own.Add(Default);
        }
        own.Add(also);
        return string.Join(';', own);
    }

    private static IEnumerable<string> Ports(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool HasKestrelEndpoints(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
