using Bot.Core.Telemetry;
using Bot.Host.Admin;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Bot.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the bot's own meter and activity source (<see cref="BotTelemetry"/>) and ASP.NET Core's: a Prometheus
/// scrape endpoint at <c>/metrics</c> and, when a collector is configured, OTLP export of traces and metrics.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>How many tag combinations a metric stream other than the per-channel gauge keeps (more fold into an overflow point).</summary>
    public const int TagCombinations = 500;
    private const string StandardOtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddBotTelemetry(this WebApplicationBuilder builder)
    {
        var options = Read(builder.Configuration);
        builder.Services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.Section));
        builder.Services.AddHostedService<DeliveryQueueSampler>();
        var otlp = !string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? options.OtlpEndpoint : builder.Configuration[StandardOtlpEndpoint];

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BotTelemetry.Name).AddAspNetCoreInstrumentation().AddPrometheusExporter();
                // A metric stream sets aside room for its tag combinations up front: 2,000 by default, 4 MB over the bot's
                // streams. Only the per-channel gauge can have that many; the rest are tagged by platform, source, route.
                metrics.AddView(instrument => instrument.Name == AlarmMetrics.QueuedName ? null : new MetricStreamConfiguration { CardinalityLimit = TagCombinations });
                if (!string.IsNullOrWhiteSpace(otlp)) metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            });
        // Traces only leave the process through a collector: without one nothing listens and nothing is recorded.
        if (!string.IsNullOrWhiteSpace(otlp))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(BotTelemetry.Name)
                .AddSource("System.Net.Http")
                .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != MetricsPath)
                .AddOtlpExporter(o => o.Endpoint = new Uri(otlp)));
        }
        return builder;
    }

    /// <summary><c>/metrics</c>: on <c>Telemetry:MetricsUrl</c>'s port without a key, else on the bot's address with the admin key.</summary>
    public static WebApplication MapBotMetrics(this WebApplication app)
    {
        var options = Read(app.Configuration);
        if (MetricsPort(options) is { } port)
        {
            // The metrics address answers the scrape and nothing else; the bot's own address no scrape.
            app.Use((context, next) =>
            {
                if (context.Connection.LocalPort != port || context.Request.Path == MetricsPath) return next(context);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequireHost($"*:{port}");
            return app;
        }
        var keys = app.Services.GetRequiredService<AdminKeyFilter>();
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (keys.Allows(context.Request)) { await next(context); return; }
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }), optionsName: null);
        return app;
    }

    /// <summary>The metrics address to listen on besides the bot's own (null: none).</summary>
    public static string? MetricsUrl(IConfiguration configuration)
    {
        var url = Read(configuration).MetricsUrl;
        return string.IsNullOrWhiteSpace(url) ? null : url.Trim();
    }

    private static TelemetryOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!string.IsNullOrWhiteSpace(options.MetricsUrl) && MetricsPort(options) is null)
            throw new InvalidOperationException($"{TelemetryOptions.Section}:MetricsUrl must be an http address with a port, like http://0.0.0.0:9464 (got '{options.MetricsUrl}').");
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint) && !Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out _))
            throw new InvalidOperationException($"{TelemetryOptions.Section}:OtlpEndpoint must be an absolute URL (got '{options.OtlpEndpoint}').");
        return options;
    }

    private static int? MetricsPort(TelemetryOptions options) =>
        Uri.TryCreate(options.MetricsUrl.Trim().Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp && !uri.IsDefaultPort && uri.Port > 0 ? uri.Port : null;
}
