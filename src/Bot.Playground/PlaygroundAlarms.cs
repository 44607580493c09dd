using System.Globalization;
using Bot.Core.Alarms;
using Bot.TencentIot;
using Bot.StandIns.Tencent;
using Microsoft.Extensions.Options;

namespace Bot.Playground;

/// <summary>
/// The simulated Tencent IoT Explorer raises an example message now and then (<c>Playground:AlarmInterval</c>):
/// the four examples of Tencent's message-list reference, device warnings carrying the Tencent identity of the
/// example devices. The bot's real poller reads them from the stand-in and the relay posts them as usual.
/// Message ids are fresh on every run, so a restarted playground never looks like a repeat.
/// </summary>
public sealed partial class PlaygroundAlarms(
    PlaygroundStandIns standIns,
    IFamilyMappingStore families,
    IOptions<PlaygroundOptions> options,
    TimeProvider time,
    ILogger<PlaygroundAlarms> log) : BackgroundService
{
    public const string FamilyId = "1";

    private long _lastTimestamp;
    private int _next;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The examples' family notices go to the playground channel too.
        await families.MapAsync(PlaygroundServices.Channel, FamilyId, stoppingToken);
        Raise();
        using var timer = new PeriodicTimer(options.Value.AlarmInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken)) Raise();
    }

    /// <summary>Adds the next example to the simulated Tencent's message list.</summary>
    public TencentMessage Raise()
    {
        var example = Examples[_next++ % Examples.Count];
        var now = time.GetUtcNow();
        var timestamp = Math.Max(now.ToUnixTimeMilliseconds(), _lastTimestamp + 1);
        _lastTimestamp = timestamp;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(timestamp);
        var message = example.Message with
        {
            // Tencent's ids are large increasing numbers; time-based ones stay unique across runs.
            MsgId = (timestamp * 1000 + _next % 1000).ToString(CultureInfo.InvariantCulture),
            Timestamp = timestamp,
            Content = example.Content(at),
            CreateAt = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        standIns.Tencent.AddMessage(message);
        LogRaised(log, message.MsgId, message.Category, message.Title);
        return message;
    }

    private sealed record Example(TencentMessage Message, Func<DateTimeOffset, string> Content);

    private static readonly IReadOnlyList<Example> Examples = BuildExamples();

    private static List<Example> BuildExamples()
    {
        var seed = TencentStandIn.SeedExamples;
        static string Stamp(DateTimeOffset at) => at.ToString("ddd MMM dd yyyy HH:mm:ss 'GMT+0000'", CultureInfo.InvariantCulture);
        Example Warning(string deviceName) => new(
            seed[0] with { ProductId = "22F9Y6II7O", DeviceName = deviceName, DeviceAlias = deviceName },
            at => $"Some message {Stamp(at)}.");
        // The examples end with the time they were sent; a fresh example gets the current one.
        Example Verbatim(TencentMessage m)
        {
            var end = m.Content.LastIndexOf(" Wed ", StringComparison.Ordinal);
            return new(m, at => end < 0 ? m.Content : m.Content[..end] + " " + Stamp(at));
        }
        return [Warning("light1"), Verbatim(seed[1]), Warning("light2"), Verbatim(seed[3]), Warning("light1"), Verbatim(seed[2])];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PLAYGROUND: simulated Tencent raised example message {MsgId} (category {Category}): {Title}")]
    private static partial void LogRaised(ILogger logger, string msgId, int category, string title);
}
