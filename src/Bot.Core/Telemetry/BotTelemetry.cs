using System.Diagnostics;

namespace Bot.Core.Telemetry;

/// <summary>
/// The names under which the bot reports: one meter and one activity source, listened to by whatever the host
/// wires (OpenTelemetry's Prometheus and OTLP exporters); nothing is recorded while nobody listens.
/// </summary>
public static class BotTelemetry
{
    public const string Name = "Bot";

    /// <summary>Traces of a call (confirm → invite → outcome) and of an alarm (taken, each card posted).</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>Buckets in seconds for waits from a tenth of a second to an hour (delays, Retry-After, ISDP, polls).</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];
}
