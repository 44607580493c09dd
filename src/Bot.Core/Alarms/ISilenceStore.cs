namespace Bot.Core.Alarms;

/// <summary>Device silences: one per device, replaced by a newer one; ended ones wait to be announced.</summary>
public interface ISilenceStore
{
    /// <summary>Stores <paramref name="silence"/> as its device's silence. A silence still running keeps its start (what came meanwhile counts from there).</summary>
    Task<DeviceSilence> SilenceAsync(DeviceSilence silence, CancellationToken cancellationToken = default);
    /// <summary>The device's silence running at <paramref name="now"/>, or null.</summary>
    Task<DeviceSilence?> ActiveAsync(string deviceId, DateTimeOffset now, CancellationToken cancellationToken = default);
    /// <summary>Every silence running at <paramref name="now"/>, ending soonest first.</summary>
    Task<IReadOnlyList<DeviceSilence>> ActiveListAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
    /// <summary>Ends the device's running silence at <paramref name="now"/>; null when none was running.</summary>
    Task<DeviceSilence?> EndAsync(string deviceId, DateTimeOffset now, Channels.ChatUser? by, CancellationToken cancellationToken = default);
    /// <summary>
    /// Silences over by <paramref name="now"/> whose end was not yet announced and that nobody is announcing: each is held
    /// for this caller (atomically) for a while, so of two callers, or two replicas, one announces it. A caller that dies
    /// before <see cref="MarkAnnouncedAsync"/> leaves it to the next one once the hold has run out.
    /// </summary>
    Task<IReadOnlyList<DeviceSilence>> ClaimEndedAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
    /// <summary>When the next running silence ends (null: none running).</summary>
    Task<DateTimeOffset?> NextEndAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
    Task MarkAnnouncedAsync(string deviceId, DateTimeOffset until, CancellationToken cancellationToken = default);
}
