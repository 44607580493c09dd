namespace Bot.Core.Alarms;

/// <summary>An alarm on its way into the store, with where it goes.</summary>
public sealed record NewAlarm(IncomingAlarm Message, string? DeviceId, IReadOnlyList<string> Channels)
{
    /// <summary>Its device is silenced: stored with its deliveries held back (listed, not posted).</summary>
    public bool Held { get; init; }
}
