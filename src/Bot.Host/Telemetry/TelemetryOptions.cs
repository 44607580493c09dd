namespace Bot.Host.Telemetry;

/// <summary>Settings section <c>Telemetry</c>: where metrics are scraped and traces sent.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// An address of its own for <c>/metrics</c> (e.g. <c>http://0.0.0.0:9464</c>), answered there without the admin key;
    /// empty: <c>/metrics</c> is on the bot's address and needs <c>X-Api-Key</c>.
    /// </summary>
    public string MetricsUrl { get; set; } = "";

    /// <summary>An OTLP collector (e.g. <c>http://localhost:4317</c>) for traces and metrics; empty: the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else nothing is exported.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>How often the cards waiting per channel are counted for <c>bot.deliveries.queued</c>.</summary>
    public TimeSpan QueueSampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}
