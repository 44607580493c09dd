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
        || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
}
